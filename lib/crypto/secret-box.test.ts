import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealedWith, openSecret, sealSecret } from '@/lib/crypto/secret-box';

describe('secret box', () => {
  const key = randomBytes(32);

  it('round-trips and never stores the plaintext', () => {
    const sealed = sealSecret('rest-api-key-1234', key);
    expect(sealed).not.toContain('rest-api-key');
    expect(openSecret(sealed, key)).toBe('rest-api-key-1234');
    expect(sealSecret('rest-api-key-1234', key)).not.toBe(sealed);
  });

  it('rejects tampering and the wrong key', () => {
    const sealed = sealSecret('secret', key);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => openSecret(parts.join('.'), key)).toThrow();
    expect(() => openSecret(sealed, randomBytes(32))).toThrow(/another encryption key/);
    expect(() => openSecret('garbage', key)).toThrow(/unknown format/);
  });

  it('opens values sealed before a rotation with the previous key, and tells which key sealed them', () => {
    const old = randomBytes(32);
    const current = randomBytes(32);
    const sealedOld = sealSecret('old-secret', old);
    expect(() => openSecret(sealedOld, current)).toThrow(/ENCRYPTION_KEY_PREVIOUS/);
    expect(openSecret(sealedOld, current, [randomBytes(32), old])).toBe('old-secret');
    expect(isSealedWith(sealedOld, old)).toBe(true);
    expect(isSealedWith(sealedOld, current)).toBe(false);
    // A previous key never hides tampering.
    const parts = sealedOld.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => openSecret(parts.join('.'), current, [old])).toThrow();
  });
});
