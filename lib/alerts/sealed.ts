/** Alert secrets (webhook URL, SMTP password) sealed with ENCRYPTION_KEY, like the Braze REST API keys. */
import { isSealedWith, openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { loadSecrets } from '@/lib/secrets';

export function sealAlertSecret(plaintext: string): string {
  return sealSecret(plaintext, loadSecrets(env()).encryptionKey);
}

export function openAlertSecret(envelope: string): string {
  const { encryptionKey, previousEncryptionKeys } = loadSecrets(env());
  return openSecret(envelope, encryptionKey, previousEncryptionKeys);
}

/**
 * After a rotation of ENCRYPTION_KEY, re-seals the alert secrets sealed with a previous key, like
 * `resealRestApiKeys`; a row is replaced only if nobody changed it meanwhile.
 */
export async function resealAlertSecrets(): Promise<{ total: number; resealed: number; unreadable: number }> {
  const { encryptionKey } = loadSecrets(env());
  const rows = await prisma().alertSettings.findMany({ select: { projectId: true, webhookUrlCipher: true, smtpPasswordCipher: true } });
  let total = 0;
  let resealed = 0;
  let unreadable = 0;
  for (const row of rows) {
    for (const column of ['webhookUrlCipher', 'smtpPasswordCipher'] as const) {
      const sealed = row[column];
      if (!sealed) continue;
      total++;
      if (isSealedWith(sealed, encryptionKey)) continue;
      let plain: string;
      try {
        plain = openAlertSecret(sealed);
      } catch {
        unreadable++;
        continue;
      }
      const updated = await prisma().alertSettings.updateMany({ where: { projectId: row.projectId, [column]: sealed }, data: { [column]: sealAlertSecret(plain) } });
      resealed += updated.count;
    }
  }
  return { total, resealed, unreadable };
}
