import { auth } from '@/lib/auth/auth';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/** The user whose session cookie came with these request headers, or null. */
export async function getSignedInUser(requestHeaders: Headers): Promise<SignedInUser | null> {
  const session = await auth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name };
}
