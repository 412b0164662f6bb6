/**
 * The REST API keys of syncs, sealed with ENCRYPTION_KEY and opened with it or, after a key
 * rotation, with a key of ENCRYPTION_KEY_PREVIOUS until `resealRestApiKeys` has moved every
 * stored key to the current one (docs/deploy.md, "Rotating ENCRYPTION_KEY").
 */
import { resealValues, type ResealCount } from '@/lib/crypto/reseal';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
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

/** Re-seals with the current key every stored REST API key sealed with a previous one (lib/crypto/reseal). */
export async function resealRestApiKeys(): Promise<ResealCount> {
  const rows = await prisma().sync.findMany({ select: { id: true, restApiKeyCipher: true } });
  return resealValues(
    rows.map((row) => ({
      sealed: row.restApiKeyCipher,
      replace: async (restApiKeyCipher) =>
        (await prisma().sync.updateMany({ where: { id: row.id, restApiKeyCipher: row.restApiKeyCipher }, data: { restApiKeyCipher } })).count,
    })),
  );
}
