/**
 * `npm run secrets:reseal`: after a rotation of ENCRYPTION_KEY (the old key in
 * ENCRYPTION_KEY_PREVIOUS), re-seals every stored secret with the new key: the Braze REST API
 * keys, the alert secrets (webhook URL, SMTP password) and the Amplitude keys (forwarding, history
 * imports). Safe to run while the product runs, and again. `npm start` runs it on every start.
 */
import { disconnectPrisma } from '@/lib/db/prisma';
import { envOrExit } from '@/lib/env';
import type { ResealCount } from '@/lib/crypto/reseal';
import { resealAmplitudeSecrets } from '@/lib/crypto/reseal-amplitude';
import { resealRestApiKeys } from '@/lib/syncs/rest-api-key';
import { resealAlertSecrets } from '@/lib/alerts/sealed';

const KINDS: [label: string, unreadable: string, reseal: () => Promise<ResealCount>][] = [
  ['Stored REST API keys', 'key(s)', resealRestApiKeys],
  ['Stored alert secrets', 'alert secret(s)', resealAlertSecrets],
  ['Stored Amplitude keys', 'Amplitude key(s)', resealAmplitudeSecrets],
];

async function main(): Promise<void> {
  for (const [label, unreadableLabel, reseal] of KINDS) {
    const { total, resealed, unreadable } = await reseal();
    console.log(`${label}: ${total}; re-sealed with the current ENCRYPTION_KEY: ${resealed}.`);
    if (unreadable > 0) {
      console.error(`${unreadable} ${unreadableLabel} were sealed with a key that is neither ENCRYPTION_KEY nor in ENCRYPTION_KEY_PREVIOUS; they were left as they are.`);
      process.exitCode = 1;
    }
  }
}

envOrExit();
main()
  .catch((err: Error) => {
    console.error(`Re-sealing failed: ${err.message}`);
    process.exitCode = 1;
  })
  .finally(() => void disconnectPrisma());
