/**
 * The official Amplitude Node SDK, pointed at the running product, delivers to the fake Braze
 * through a sync created with the product's own CLI.
 */
import { execFileSync } from 'node:child_process';
import { createInstance } from '@amplitude/analytics-node';
import { expect, test } from '@playwright/test';
import { fakeBraze } from './support/fake-braze-client';

function createSyncWithCli(): string {
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/syncs.ts', 'create', '--name', 'Braze (e2e)', '--endpoint', process.env.E2E_BRAZE_URL!,
      '--rest-api-key', 'e2e-rest-api-key', '--app-id', 'e2e-app-id', '--enable'],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        DATABASE_URL: process.env.E2E_DATABASE_URL,
        BRAZE_CUSTOM_ENDPOINTS: process.env.E2E_BRAZE_URL,
        DATA_DIR: './test-results/e2e-data',
        ADMIN_PASSWORD: 'e2e-admin-password-123',
        LOG_LEVEL: 'warn',
      },
    },
  );
}

test('100 events from @amplitude/analytics-node arrive at Braze as 100 custom events in at most 2 requests', async () => {
  expect(createSyncWithCli()).toMatch(/Created sync \S+ \(ENABLED\)/);
  await fakeBraze.reset();

  const client = createInstance();
  await client.init(process.env.E2E_PROJECT_API_KEY!, {
    serverUrl: `${process.env.E2E_APP_URL}/2/httpapi`,
    flushIntervalMillis: 60_000,
    flushQueueSize: 1_000,
    logLevel: 0,
  }).promise;
  const base = Date.UTC(2026, 10, 20, 9, 30, 0);
  const sent = Array.from({ length: 100 }, (_, i) => ({
    user_id: `sdk-user-${String(i % 7).padStart(3, '0')}`,
    event_type: `SDK Event ${i % 4}`,
    time: base + i * 250,
  }));
  const tracked = sent.map((e) => client.track(e.event_type, undefined, { user_id: e.user_id, time: e.time }).promise);
  await client.flush().promise;
  const results = await Promise.all(tracked);
  expect(results.map((r) => r.code)).toEqual(sent.map(() => 200));

  await expect.poll(async () => (await fakeBraze.events()).length, { timeout: 30_000 }).toBe(100);
  const received = (await fakeBraze.events()).map((e) => e.object);
  const expected = sent.map((e) => ({
    external_id: e.user_id,
    name: e.event_type,
    time: new Date(e.time).toISOString(),
    app_id: 'e2e-app-id',
  }));
  const key = (o: Record<string, unknown>) => `${String(o.external_id)}|${String(o.name)}|${String(o.time)}`;
  expect(received.map(key).sort()).toEqual(expected.map(key).sort());
  expect(received.every((o) => o.app_id === 'e2e-app-id')).toBe(true);
  const track = (await fakeBraze.requests()).filter((r) => r.path === '/users/track');
  expect(track.length).toBeLessThanOrEqual(2);
  expect(track.every((r) => r.status === 201 && r.apiKey === 'e2e-rest-api-key')).toBe(true);
});
