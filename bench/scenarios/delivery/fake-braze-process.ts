/**
 * The fake Braze as the delivery benchmark runs it: its own process, Braze's default rate limit
 * (3,000 `/users/track` requests per 3 s per REST API key) and a small `recordLimit`.
 *
 * `test/fakes/braze/main.ts` reads no record limit from its environment, so it keeps the newest
 * 200,000 accepted objects readable; over a run of several hundred thousand events that is
 * hundreds of MB held and scanned by the garbage collector on a core the product needs. The
 * benchmark reads only the fake's counters (`GET /_fake/stats`, always exact), so it keeps 1,000.
 *
 * Prints one JSON line with `url` once listening; stops on SIGTERM.
 */
import { startFakeBraze } from '@/test/fakes/braze';
import { parseEnvConfig } from '@/test/fakes/braze/parse-env-config';

const RECORD_LIMIT = 1_000;

async function main(): Promise<void> {
  const options = parseEnvConfig(process.env);
  const fake = await startFakeBraze({ ...options, recordLimit: RECORD_LIMIT });
  process.stdout.write(`${JSON.stringify({ message: 'fake Braze listening', url: fake.url, recordLimit: RECORD_LIMIT })}\n`);
  const stop = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
