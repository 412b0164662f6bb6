/**
 * The REST API keys of syncs, sealed with ENCRYPTION_KEY and opened with it or, after a key
 * rotation, with a key of ENCRYPTION_KEY_PREVIOUS until `resealRestApiKeys` has moved every
 * stored key to the current one (docs/deploy.md, "Rotating ENCRYPTION_KEY").
 */
import { isSealedWith, openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { loadSecrets } from '@/lib/secrets';

export function sealRestApiKey(restApiKey: string): { restApiKeyCipher: string; restApiKeyLast4: string } {
  const { encryptionKey } = loadSecrets(env());
  return { restApiKeyCipher: sealSecret(restApiKey, encryptionKey), restApiKeyLast4: restApiKey.slice(-4) };
}

export function openRestApiKey(cipher: string): string {
  const { encryptionKey, previousEncryptionKeys } = loadSecrets(env());
  return openSecret(cipher, encryptionKey, previousEncryptionKeys);
}

/**
 * Re-seals with the current key every stored REST API key sealed with a previous one. Safe to
 * run on a live system and more than once: a row is only replaced if nobody changed it meanwhile.
 * Keys sealed with a key that is not configured at all are left as they are and counted.
 */
export async function resealRestApiKeys(): Promise<{ total: number; resealed: number; unreadable: number }> {
  const { encryptionKey } = loadSecrets(env());
  const rows = await prisma().sync.findMany({ select: { id: true, restApiKeyCipher: true } });
  let resealed = 0;
  let unreadable = 0;
  for (const row of rows) {
    if (isSealedWith(row.restApiKeyCipher, encryptionKey)) continue;
    let plain: string;
    try {
      plain = openRestApiKey(row.restApiKeyCipher);
    } catch {
      unreadable++;
      continue;
    }
    const { restApiKeyCipher } = sealRestApiKey(plain);
    const updated = await prisma().sync.updateMany({ where: { id: row.id, restApiKeyCipher: row.restApiKeyCipher }, data: { restApiKeyCipher } });
    resealed += updated.count;
  }
  return { total: rows.length, resealed, unreadable };
}
