/** Alert secrets (webhook URL, SMTP password) sealed with ENCRYPTION_KEY, like the Braze REST API keys. */
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { env } from '@/lib/env';
import { loadSecrets } from '@/lib/secrets';

export function sealAlertSecret(plaintext: string): string {
  return sealSecret(plaintext, loadSecrets(env()).encryptionKey);
}

export function openAlertSecret(envelope: string): string {
  const { encryptionKey, previousEncryptionKeys } = loadSecrets(env());
  return openSecret(envelope, encryptionKey, previousEncryptionKeys);
}
