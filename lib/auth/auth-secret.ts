import { hkdfSync } from 'node:crypto';

// Versioned so a future change of derivation can live beside this one.
const INFO = 'braze-streaming/better-auth-secret/v1';

/**
 * better-auth's signing secret (session cookies, internal tokens), derived from the encryption
 * key with HKDF-SHA256 so there is no second secret to generate, store and back up. A distinct
 * `info` keeps it independent of the key's use for sealing credentials.
 */
export function deriveAuthSecret(encryptionKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), INFO, 32)).toString('base64url');
}
