/**
 * `npm run secrets:reseal`: after a rotation of ENCRYPTION_KEY (the old key in
 * ENCRYPTION_KEY_PREVIOUS), re-seals every stored REST API key and alert secret (webhook URL,
 * SMTP password) with the new key. Safe to run while the product runs, and again. `npm start`
 * runs it on every start.
 */
import { disconnectPrisma } from '@/lib/db/prisma';
import { envOrExit } from '@/lib/env';
import { resealRestApiKeys } from '@/lib/syncs/rest-api-key';
import { resealAlertSecrets } from '@/lib/alerts/sealed';

envOrExit();
resealRestApiKeys()
  .then(({ total, resealed, unreadable }) => {
    console.log(`Stored REST API keys: ${total}; re-sealed with the current ENCRYPTION_KEY: ${resealed}.`);
    if (unreadable > 0) {
      console.error(`${unreadable} key(s) were sealed with a key that is neither ENCRYPTION_KEY nor in ENCRYPTION_KEY_PREVIOUS; they were left as they are.`);
      process.exitCode = 1;
    }
  })
  .then(() => resealAlertSecrets())
  .then(({ total, resealed, unreadable }) => {
    console.log(`Stored alert secrets: ${total}; re-sealed with the current ENCRYPTION_KEY: ${resealed}.`);
    if (unreadable > 0) {
      console.error(`${unreadable} alert secret(s) were sealed with a key that is neither ENCRYPTION_KEY nor in ENCRYPTION_KEY_PREVIOUS; they were left as they are.`);
      process.exitCode = 1;
    }
  })
  .catch((err: Error) => {
    console.error(`Re-sealing failed: ${err.message}`);
    process.exitCode = 1;
  })
  .finally(() => void disconnectPrisma());
