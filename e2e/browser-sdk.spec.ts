/**
 * The official browser SDK, on a page of another origin, sends events and identifies to the
 * ingestion API (CORS preflight included), and they reach Braze.
 */
import { expect, test } from '@playwright/test';
import { fakeBraze } from './support/fake-braze-client';
import { startOtherOriginSite, type OtherOriginSite } from './support/other-origin-site';
import { createSyncWithCli, deleteSyncWithCli } from './support/syncs-cli';

let site: OtherOriginSite;
let siteUrl: string;
let syncId: string;

test.beforeAll(async () => {
  syncId = createSyncWithCli('Braze (browser SDK e2e)', 'e2e-browser-app');
  site = await startOtherOriginSite('node_modules/@amplitude/analytics-browser/lib/scripts/amplitude-min.js', 'Shop');
  siteUrl = site.url;
});

test.afterAll(async () => {
  deleteSyncWithCli(syncId);
  await site.close();
});

test('@amplitude/analytics-browser on another origin delivers events and identifies', async ({ page }) => {
  await fakeBraze.reset();
  await page.goto(siteUrl);
  // Cross-origin POSTs of JSON need CORS (Chromium preflights them; a failed check would fail the fetch).
  const ingestResponse = page.waitForResponse((r) => r.url().endsWith('/2/httpapi') && r.request().method() === 'POST');
  const codes = await page.evaluate(
    async ({ apiKey, serverUrl }) => {
      // The SDK's script build exposes `window.amplitude`; its types are not loaded on the page.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const amplitude = (window as unknown as { amplitude: any }).amplitude;
      await amplitude.init(apiKey, undefined, {
        serverUrl,
        autocapture: false,
        fetchRemoteConfig: false,
        flushIntervalMillis: 200,
        logLevel: 0,
      }).promise;
      amplitude.setUserId('browser-user-00001');
      const identify = new amplitude.Identify().set('plan', 'pro');
      const results = await Promise.all([
        amplitude.identify(identify).promise,
        amplitude.track('Added To Cart', { sku: 'A-1' }).promise,
        amplitude.track('Checked Out', { total: 42 }).promise,
      ]);
      return results.map((r: { code: number }) => r.code);
    },
    { apiKey: process.env.E2E_PROJECT_API_KEY!, serverUrl: `${process.env.E2E_APP_URL}/2/httpapi` },
  );
  expect(codes).toEqual([200, 200, 200]);
  const response = await ingestResponse;
  expect(await response.request().headerValue('origin')).toBe(siteUrl);
  expect(await response.headerValue('access-control-allow-origin')).toBe('*');

  await expect.poll(async () => (await fakeBraze.events()).map((e) => e.object.name).sort(), { timeout: 30_000 }).toEqual([
    'Added To Cart',
    'Checked Out',
  ]);
  const events = (await fakeBraze.events()).map((e) => e.object);
  expect(events.every((e) => e.external_id === 'browser-user-00001' && e.app_id === 'e2e-browser-app')).toBe(true);
  await page.screenshot({ path: 'e2e/screenshots/browser-sdk-other-origin.png' });
});
