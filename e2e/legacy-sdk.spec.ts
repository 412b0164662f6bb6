/**
 * The legacy browser SDK, amplitude-js 8, unchanged on a page of another origin: pointed at the
 * product by `apiEndpoint` alone, its form upload (checksum, preflight for its extra header)
 * reaches Braze with the event's property. And paths the product does not serve answer JSON,
 * not a redirect to the sign-in page.
 */
import { expect, test } from '@playwright/test';
import { fakeBraze } from './support/fake-braze-client';
import { startOtherOriginSite, type OtherOriginSite } from './support/other-origin-site';
import { createSyncWithCli, deleteSyncWithCli } from './support/syncs-cli';

let site: OtherOriginSite;
let siteUrl: string;
let syncId: string;

test.beforeAll(async () => {
  syncId = createSyncWithCli('Braze (amplitude-js 8 e2e)', 'e2e-legacy-app', ['--event-property', 'sku']);
  site = await startOtherOriginSite('node_modules/amplitude-js/amplitude.umd.min.js', 'Old shop');
  siteUrl = site.url;
});

test.afterAll(async () => {
  deleteSyncWithCli(syncId);
  await site.close();
});

test('amplitude-js 8 on another origin delivers an event with its property to Braze', async ({ page }) => {
  await fakeBraze.reset();
  await page.goto(siteUrl);
  const upload = page.waitForResponse((r) => r.url() === `${process.env.E2E_APP_URL}/` && r.request().method() === 'POST');
  const answer = await page.evaluate(
    ({ apiKey, apiEndpoint }) =>
      new Promise<{ status: number; response: string }>((resolve) => {
        // The UMD build exposes `window.amplitude`; its types are not loaded on the page.
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const amplitude = (window as unknown as { amplitude: any }).amplitude;
        const client = amplitude.getInstance();
        client.init(apiKey, 'legacy-user-00001', { apiEndpoint, forceHttps: false, saveEvents: false, logLevel: 'DISABLE' }, () => {
          client.logEvent('Legacy Purchase', { sku: 'L-42', size: 'M' }, (status: number, response: string) => resolve({ status, response }));
        });
      }),
    { apiKey: process.env.E2E_PROJECT_API_KEY!, apiEndpoint: new URL(process.env.E2E_APP_URL!).host },
  );
  expect(answer).toEqual({ status: 200, response: 'success' });
  const response = await upload;
  expect(await response.request().headerValue('origin')).toBe(siteUrl);
  expect(await response.request().headerValue('content-type')).toContain('application/x-www-form-urlencoded');

  await expect.poll(async () => (await fakeBraze.events()).map((e) => e.object), { timeout: 30_000 }).toEqual([
    expect.objectContaining({ external_id: 'legacy-user-00001', name: 'Legacy Purchase', app_id: 'e2e-legacy-app', properties: { sku: 'L-42' } }),
  ]);
});

test('paths the product does not serve answer JSON 404 or 405, never a redirect to sign in', async ({ request }) => {
  const cases: [string, string, Record<string, string>, number][] = [
    ['POST', '/v2/track', { 'Content-Type': 'application/json' }, 404],
    ['POST', '/api/httpapi', { 'Content-Type': 'application/json' }, 404],
    ['GET', '/api/no-such-route', {}, 404],
    ['GET', '/no-such-page', { Accept: 'application/json' }, 404],
    ['GET', '/2/httpapi', {}, 405],
    ['PUT', '/identify', {}, 405],
  ];
  for (const [method, path, headers, status] of cases) {
    const res = await request.fetch(path, { method, headers, data: method === 'GET' ? undefined : '{}', maxRedirects: 0 });
    expect(res.status(), `${method} ${path}`).toBe(status);
    expect(res.headers()['content-type'], `${method} ${path}`).toContain('application/json');
    expect(await res.json()).toMatchObject({ code: status, error: expect.any(String) });
  }
  // A person's browser still goes to the sign-in page.
  const page = await request.get('/catalog', { headers: { Accept: 'text/html' }, maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toContain('/login');
});
