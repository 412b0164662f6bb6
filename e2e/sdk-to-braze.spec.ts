/**
 * The official Amplitude Node SDK, pointed at the running product, delivers to the fake Braze
 * through a sync created with the product's own CLI.
 */
import { createInstance } from '@amplitude/analytics-node';
import { expect, test } from '@playwright/test';
import { fakeBraze } from './support/fake-braze-client';
import { waitForSettingsInForce } from './support/product-state';
import { signIn } from './support/sign-in';
import { createSyncWithCli, deleteSyncWithCli } from './support/syncs-cli';

let syncId: string;
test.beforeAll(() => {
  syncId = createSyncWithCli('Braze (Node SDK e2e)', 'e2e-app-id');
});
// Other specs check what reaches Braze: leave no sync behind.
test.afterAll(() => deleteSyncWithCli(syncId));

test('100 events from @amplitude/analytics-node arrive at Braze as 100 custom events in at most 2 requests', async ({ page }) => {
  // The worker reads the syncs again within a few seconds: this sync, and no sync another spec
  // removed, receives the events once that has happened.
  await page.goto('/');
  await signIn(page);
  await expect(page).toHaveURL(/\/catalog/);
  await waitForSettingsInForce(page, [syncId]);
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
  expect(received).toEqual(expect.arrayContaining([expected[0]]));
  const track = (await fakeBraze.requests()).filter((r) => r.path === '/users/track');
  expect(track.length).toBeLessThanOrEqual(2);
  expect(track.every((r) => r.status === 201 && r.apiKey === 'e2e-rest-api-key')).toBe(true);
});
