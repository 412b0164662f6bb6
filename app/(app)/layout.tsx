import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AppShell } from '@/components/shell/AppShell';
import { REQUEST_PATH_HEADER } from '@/lib/auth/constants';
import { getSignedInUser } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/** Every page inside needs a signed-in user; others are sent to the login page and back. */
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const requestHeaders = await headers();
  const user = await getSignedInUser(requestHeaders);
  if (!user) redirect(`/login?next=${encodeURIComponent(requestHeaders.get(REQUEST_PATH_HEADER) ?? '/catalog')}`);
  return <AppShell email={user.email}>{children}</AppShell>;
}
