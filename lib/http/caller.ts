/**
 * Who makes a management API request: a signed-in person (session cookie) or a script with an
 * API token (`Authorization: Bearer bzs_…`). A request that presents a token is judged by the
 * token alone: a wrong or revoked one is refused even when a session cookie comes along.
 */
import { getSignedInUser, type SignedInUser } from '@/lib/auth/session';
import { readBearerToken } from '@/lib/tokens/api-token';
import { findApiToken } from '@/lib/tokens/repository';

export type Caller = { kind: 'session'; user: SignedInUser } | { kind: 'token'; tokenId: string; tokenName: string };

export async function identifyCaller(headers: Headers): Promise<Caller | null> {
  const bearer = readBearerToken(headers);
  if (bearer !== null) {
    const token = bearer ? await findApiToken(bearer) : null;
    return token ? { kind: 'token', tokenId: token.id, tokenName: token.name } : null;
  }
  const user = await getSignedInUser(headers);
  return user ? { kind: 'session', user } : null;
}

/** Who did it, in words for a record (an email, or the API token's name). */
export function describeCaller(caller: Caller): string {
  return caller.kind === 'session' ? caller.user.email : `API token "${caller.tokenName}"`;
}

/** Why a request with no caller is refused, in words for whoever sent it (a person or a script). */
export function refusalMessage(headers: Headers): string {
  return readBearerToken(headers) === null ? 'Sign in to continue.' : 'The API token is not valid: unknown, revoked or mistyped.';
}
