// Standalone fake Braze REST server: `npm run fake-braze`. Configuration comes from
// FAKE_BRAZE_PORT, FAKE_BRAZE_HOST, FAKE_BRAZE_API_KEYS, FAKE_BRAZE_RATE_LIMIT and
// FAKE_BRAZE_OBJECT_LIMIT_MODE (see parse-env-config.ts), in the environment or `.env` like
// every process of the product.
import path from 'node:path';
import { loadEnvFile } from '@/lib/env';
import { parseEnvConfig } from '@/test/fakes/braze/parse-env-config';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { serveUntilSignalled } from '@/test/fakes/serve-until-signalled';

serveUntilSignalled(async () => {
  loadEnvFile(path.resolve('.env'), process.env);
  const options = parseEnvConfig(process.env);
  const fake = await startFakeBraze(options);
  const keys = options.keys?.map((key) => key.key);
  process.stdout.write(`${JSON.stringify({ message: 'fake Braze listening', url: fake.url, keys, admin: `${fake.url}/_fake/` })}\n`);
  return fake;
});
