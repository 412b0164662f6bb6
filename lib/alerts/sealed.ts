/** Alert secrets (webhook URL, SMTP password) sealed with ENCRYPTION_KEY, like the Braze REST API keys. */
import { resealValues, type ResealCount } from '@/lib/crypto/reseal';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
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

/** After a rotation of ENCRYPTION_KEY, re-seals the alert secrets sealed with a previous key (lib/crypto/reseal). */
export async function resealAlertSecrets(): Promise<ResealCount> {
  const rows = await prisma().alertSettings.findMany({ select: { projectId: true, webhookUrlCipher: true, smtpPasswordCipher: true } });
  return resealValues(
    rows.flatMap((row) =>
      (['webhookUrlCipher', 'smtpPasswordCipher'] as const).flatMap((column) => {
        const sealed = row[column];
        if (!sealed) return [];
        return [{
          sealed,
          replace: async (next: string) =>
            (await prisma().alertSettings.updateMany({ where: { projectId: row.projectId, [column]: sealed }, data: { [column]: next } })).count,
        }];
      }),
    ),
  );
}
