/**
 * API tokens of the management API: 32 random bytes, base64url, behind a recognisable prefix
 * (so secret scanners and people can tell what leaked). Only the SHA-256 of a token is stored:
 * a token is looked up by its digest, so no comparison of token text can leak by its timing, and
 * a copy of the database gives no usable token.
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'bzs_';
const TOKEN_PATTERN = /^bzs_[A-Za-z0-9_-]{43}$/;

export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any database lookup. */
export function isApiTokenShaped(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The token of an `Authorization: Bearer …` header, or null when the header is absent. */
export function readBearerToken(headers: Headers): string | null {
  const header = headers.get('authorization');
  if (header === null) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : '';
}
