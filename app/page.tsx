import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getSignedInUser } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  redirect((await getSignedInUser(await headers())) ? '/catalog' : '/login');
}
