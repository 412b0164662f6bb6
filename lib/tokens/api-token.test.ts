import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiToken, hashApiToken, isApiTokenShaped, readBearerToken } from '@/lib/tokens/api-token';

describe('API tokens', () => {
  it('are 32 random bytes behind the bzs_ prefix, different every time', () => {
    const a = generateApiToken();
    expect(a).toMatch(/^bzs_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice(4), 'base64url')).toHaveLength(32);
    expect(generateApiToken()).not.toBe(a);
    expect(isApiTokenShaped(a)).toBe(true);
  });

  it('are stored as their SHA-256 in hex', () => {
    const token = generateApiToken();
    expect(hashApiToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it.each([
    [{}, null],
    [{ authorization: 'Bearer bzs_abc' }, 'bzs_abc'],
    [{ authorization: 'bearer   bzs_abc ' }, 'bzs_abc'],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, ''],
    [{ authorization: 'Bearer a b' }, ''],
  ])('read from %j', (headers, token) => {
    expect(readBearerToken(new Headers(headers))).toBe(token);
  });

  it.each(['', 'bzs_short', `xyz_${'a'.repeat(43)}`, `bzs_${'a'.repeat(42)}!`])('refuse the shape of %j before any lookup', (value) => {
    expect(isApiTokenShaped(value)).toBe(false);
  });
});
