// Standalone fake Braze REST server: `npm run fake-braze`. Configuration comes from
// FAKE_BRAZE_PORT, FAKE_BRAZE_HOST, FAKE_BRAZE_API_KEYS, FAKE_BRAZE_RATE_LIMIT and
// FAKE_BRAZE_OBJECT_LIMIT_MODE (see parse-env-config.ts), in the environment or `.env` like
// every process of the product.
import path from 'node:path';
import { loadEnvFile } from '@/lib/env';
import { parseEnvConfig } from '@/test/fakes/braze/parse-env-config';
import { startFakeBraze } from '@/test/fakes/braze/server';

async function main(): Promise<void> {
  loadEnvFile(path.resolve('.env'), process.env);
  const options = parseEnvConfig(process.env);
  const fake = await startFakeBraze(options);
  const keys = options.keys?.map((key) => key.key);
  process.stdout.write(`${JSON.stringify({ message: 'fake Braze listening', url: fake.url, keys, admin: `${fake.url}/_fake/` })}\n`);
  const stop = (): void => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
