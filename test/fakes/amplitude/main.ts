// Standalone fake Amplitude: `tsx test/fakes/amplitude/main.ts`. FAKE_AMPLITUDE_PORT (default
// 4011), FAKE_AMPLITUDE_HOST (default 127.0.0.1) and FAKE_AMPLITUDE_API_KEYS (comma-separated;
// any key when unset), from the environment or `.env` like every process of the product.
import path from 'node:path';
import { loadEnvFile } from '@/lib/env';
import { startFakeAmplitude } from '@/test/fakes/amplitude/server';
import { serveUntilSignalled } from '@/test/fakes/serve-until-signalled';

serveUntilSignalled(async () => {
  loadEnvFile(path.resolve('.env'), process.env);
  const port = Number(process.env.FAKE_AMPLITUDE_PORT ?? '4011');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error('FAKE_AMPLITUDE_PORT must be a port number');
  const apiKeys = process.env.FAKE_AMPLITUDE_API_KEYS?.split(',').map((k) => k.trim()).filter(Boolean);
  const fake = await startFakeAmplitude({ port, host: process.env.FAKE_AMPLITUDE_HOST || '127.0.0.1', apiKeys: apiKeys?.length ? apiKeys : undefined });
  process.stdout.write(`${JSON.stringify({ message: 'fake Amplitude listening', url: fake.url, admin: `${fake.url}/_fake/` })}\n`);
  return fake;
});
