import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveAuthSecret } from '@/lib/auth/auth-secret';

describe('deriveAuthSecret', () => {
  it('is stable for one key, differs between keys and never reveals the key', () => {
    const key = randomBytes(32);
    const secret = deriveAuthSecret(key);
    expect(deriveAuthSecret(Buffer.from(key))).toBe(secret);
    expect(deriveAuthSecret(randomBytes(32))).not.toBe(secret);
    expect(secret).not.toContain(key.toString('base64url'));
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
  });
});
