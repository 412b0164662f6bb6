/**
 * Authenticated encryption (AES-256-GCM) of stored credentials such as Braze REST API keys.
 * Envelope: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id tells which key
 * sealed a value, so after a rotation old values are opened with the previous key and re-sealed
 * (docs/deploy.md, "Rotating ENCRYPTION_KEY").
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function sealSecret(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
  return [VERSION, keyIdOf(key), ...parts].join('.');
}

/**
 * Opens a sealed value with whichever of `key` and `previousKeys` sealed it (the envelope names
 * its key by id), so values sealed before a key rotation stay readable until they are re-sealed.
 */
export function openSecret(envelope: string, key: Buffer, previousKeys: readonly Buffer[] = []): string {
  const [version, keyId, iv, tag, body] = envelope.split('.');
  if (version !== VERSION || !keyId || !iv || !tag || body === undefined) {
    throw new Error('Stored secret has an unknown format');
  }
  const sealedWith = [key, ...previousKeys].find((k) => keyIdOf(k) === keyId);
  if (!sealedWith) {
    throw new Error(`Stored secret was sealed with another encryption key (key id ${keyId}); set it as ENCRYPTION_KEY_PREVIOUS`);
  }
  const decipher = createDecipheriv('aes-256-gcm', sealedWith, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** Whether `envelope` was sealed with `key` (else it should be re-sealed after a rotation). */
export function isSealedWith(envelope: string, key: Buffer): boolean {
  return envelope.split('.')[1] === keyIdOf(key);
}

/** What the UI may show of a secret. */
export function maskSecret(last4: string): string {
  return `••••••••${last4}`;
}
