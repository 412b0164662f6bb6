import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { LoginPage } from '@/components/login/LoginPage';
import { safeNextPath } from '@/lib/auth/safe-next-path';
import { getSignedInUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginRoute({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const nextPath = safeNextPath(typeof next === 'string' ? next : null);
  if (await getSignedInUser(await headers())) redirect(nextPath);
  return <LoginPage next={nextPath} />;
}
