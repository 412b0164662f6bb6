/**
 * The Amplitude secrets this product stores, for `npm run secrets:reseal`: the API key forwarding
 * sends with (Settings → Forward to Amplitude) and the API and secret keys of history imports.
 */
import { resealValues, type ResealCount, type SealedValue } from '@/lib/crypto/reseal';
import { prisma } from '@/lib/db/prisma';

export async function resealAmplitudeSecrets(): Promise<ResealCount> {
  const forwards = await prisma().forwardSettings.findMany({ where: { apiKeyCipher: { not: null } }, select: { projectId: true, apiKeyCipher: true } });
  const imports = await prisma().importRun.findMany({ select: { id: true, apiKeyCipher: true, secretKeyCipher: true } });
  const values: SealedValue[] = forwards.map((row) => ({
    sealed: row.apiKeyCipher!,
    replace: async (apiKeyCipher) =>
      (await prisma().forwardSettings.updateMany({ where: { projectId: row.projectId, apiKeyCipher: row.apiKeyCipher }, data: { apiKeyCipher } })).count,
  }));
  for (const row of imports) {
    for (const column of ['apiKeyCipher', 'secretKeyCipher'] as const) {
      values.push({
        sealed: row[column],
        replace: async (next) => (await prisma().importRun.updateMany({ where: { id: row.id, [column]: row[column] }, data: { [column]: next } })).count,
      });
    }
  }
  return resealValues(values);
}
