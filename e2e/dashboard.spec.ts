/**
 * The delivery dashboard tells what reached Braze, what did not and why. Events sent with the
 * official SDK make delivered, retried (an injected 503), failed (a bad email, a key Braze
 * refuses) and skipped (no user ID) traffic; the overview and the per-sync page show the right
 * numbers; failed events are found in the delivery log with Braze's own words; the key is fixed
 * in the sync settings, one failed event replayed by selection and the rest by cause, and each
 * reaches Braze once.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { sendWithSdk } from './support/amplitude-sdk';
import { fakeBrazeAdmin } from './support/fake-braze-admin';
import { fakeBraze } from './support/fake-braze-client';
import { expectPipelineIdle, waitForSettingsInForce } from './support/product-state';
import { screenshot } from './support/screenshot';
import { signIn } from './support/sign-in';
import { deleteSyncWithCli } from './support/syncs-cli';

const EMAIL_SYNC = 'Braze (dashboard e2e)';
const KEY_SYNC = 'Braze (dashboard, refused key)';
const EMAIL_APP = 'e2e-dashboard-app';
const KEY_APP = 'e2e-dashboard-key-app';
const GOOD_KEY = 'e2e-rest-api-key';
const INVALID_EMAIL = "The value provided for the 'email' field is not a valid email.";
const run = Date.now().toString(36);
const time = (offsetMs: number) => Date.UTC(2026, 10, 29, 10, 0, 0) + offsetMs;
const created: string[] = [];

test.afterAll(() => {
  // Other specs check what reaches Braze: leave no sync behind.
  for (const id of created) deleteSyncWithCli(id);
});

async function createSync(page: Page, settings: Record<string, unknown>): Promise<string> {
  const res = await page.request.post('/api/syncs', {
    data: { enabled: true, brazeEndpoint: process.env.E2E_BRAZE_URL, ...settings },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  created.push(id);
  return id;
}

/** The overview's row of a sync, by its cells: status, last hour (delivered, failed), last 24 h (delivered, failed, rate, p95), backlog. */
function overviewRow(page: Page, name: string) {
  const row = page.getByRole('row', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')} `) });
  const cell = (i: number) => row.getByRole('cell').nth(i);
  return { row, status: cell(0), hourDelivered: cell(1), hourFailed: cell(2), dayDelivered: cell(3), dayFailed: cell(4), rate: cell(5) };
}

/** A screenshot without a chart tooltip where the pointer happens to rest. */
async function shot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await screenshot(page, name);
}

const stat = (page: Page, label: string): Locator => page.getByRole('group', { name: label, exact: true });

async function expectStat(page: Page, label: string, value: string) {
  await expect(stat(page, label).getByText(value, { exact: true })).toBeVisible({ timeout: 30_000 });
}

test('the dashboard shows delivered, retried, failed and skipped events, finds a failure in the log, and a replay delivers it once', async ({ page }) => {
  test.setTimeout(300_000);
  let emailSync = '';
  let keySync = '';

  await test.step('operators: health without a session; Prometheus is off until a token is set', async () => {
    // The worker announces itself every few seconds after the app is up.
    await expect(async () => {
      const health = await page.request.get('/api/health');
      expect(health.status()).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', checks: { postgres: { ok: true }, redis: { ok: true }, workers: { ok: true } } });
    }).toPass({ timeout: 30_000 });
    const metrics = await page.request.get('/api/metrics/prometheus');
    expect(metrics.status()).toBe(404);
    expect(await metrics.text()).toContain('Set METRICS_TOKEN');
  });

  await test.step('sign in to the dashboard: no sync yet is said plainly', async () => {
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
    await signIn(page);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Delivery' })).toBeVisible();
    await expect(page.getByText('No syncs yet')).toBeVisible();
    await expect(page.getByRole('group', { name: 'Workers' })).toContainText('1 running');
    await shot(page, 'dashboard-empty');
  });

  await test.step('two syncs: Email as the Braze user ID, and one whose key Braze refuses', async () => {
    emailSync = await createSync(page, {
      name: EMAIL_SYNC,
      restApiKey: GOOD_KEY,
      appId: EMAIL_APP,
      identifierType: 'EMAIL',
      eventSelection: { rules: [{ eventType: 'Dashboard Purchase', where: [] }] },
    });
    keySync = await createSync(page, {
      name: KEY_SYNC,
      restApiKey: 'e2e-key-braze-refuses',
      appId: KEY_APP,
      eventSelection: { rules: [{ eventType: 'Dashboard Signup', where: [] }] },
    });
    await waitForSettingsInForce(page, [emailSync, keySync]);
  });

  await test.step('traffic: delivered, one bad email, two without a user ID, two for the refused key', async () => {
    const codes = await sendWithSdk([
      ...[1, 2, 3].map((i) => ({ event_type: 'Dashboard Purchase', user_id: `buyer${i}-${run}@example.com`, time: time(i) })),
      { event_type: 'Dashboard Purchase', user_id: 'not-an-email', time: time(4) },
      ...[1, 2].map((i) => ({ event_type: 'Dashboard Purchase', device_id: `dashboard-device-${i}-${run}`, time: time(4 + i) })),
      ...[1, 2].map((i) => ({ event_type: 'Dashboard Signup', user_id: `signup-${i}-${run}`, time: time(10 + i) })),
    ]);
    expect(codes).toEqual(Array(8).fill(200));
    await page.goto('/catalog');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Delivery' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    const email = overviewRow(page, EMAIL_SYNC);
    await expect(email.hourDelivered).toHaveText('3', { timeout: 30_000 });
    await expect(email.hourFailed).toHaveText('1', { timeout: 30_000 });
  });

  await test.step('one 503 from Braze: two more events are delivered after a retry', async () => {
    await fakeBrazeAdmin.injectFaults([{ status: 503, count: 1 }]);
    const codes = await sendWithSdk([1, 2].map((i) => ({ event_type: 'Dashboard Purchase', user_id: `retry${i}-${run}@example.com`, time: time(20 + i) })));
    expect(codes).toEqual([200, 200]);
    await expect.poll(() => fakeBrazeAdmin.pendingFaults(), { timeout: 30_000 }).toEqual([]);
  });

  await test.step('the overview: each sync with its status, delivered and failed, delivery rate', async () => {
    const email = overviewRow(page, EMAIL_SYNC);
    await expect(email.hourDelivered).toHaveText('5', { timeout: 30_000 });
    await expect(email.status).toHaveText('Enabled');
    await expect(email.hourFailed).toHaveText('1');
    await expect(email.dayDelivered).toHaveText('5');
    await expect(email.dayFailed).toHaveText('1');
    await expect(email.rate).toHaveText('83.3%');

    const refused = overviewRow(page, KEY_SYNC);
    await expect(refused.status).toContainText('Paused by the system', { timeout: 30_000 });
    await expect(refused.status).toContainText('401');
    await expect(refused.hourDelivered).toHaveText('0');
    await expect(refused.hourFailed).toHaveText('2');
    await expect(refused.rate).toHaveText('0%');
    await shot(page, 'dashboard-overview');
  });

  await test.step('the per-sync page: totals of the last hour and the charts', async () => {
    await page.getByRole('link', { name: EMAIL_SYNC, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: EMAIL_SYNC })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('radio', { name: 'Last hour' }).check();
    await expect(page).toHaveURL(/\?range=1h$/);
    await expectStat(page, 'Delivered', '5');
    await expect(stat(page, 'Delivered')).toContainText('3 on the first attempt · 2 after retry');
    await expectStat(page, 'Not delivered', '1');
    await expectStat(page, 'Expired', '0');
    await expectStat(page, 'Delivery rate', '83.3%');
    await expectStat(page, 'Skipped (no user ID)', '2');
    await expectStat(page, 'Filtered out', '2');
    await expectStat(page, 'Retried', '2');
    await expect(stat(page, 'Requests to Braze').getByText(/^[3-9]$/)).toBeVisible();
    await expectStat(page, 'Data points sent', '5');
    const charts = ['Delivered and not delivered', 'Latency, ingestion to Braze', 'Retries and rate limiting', 'Left out', 'Requests to Braze', 'Braze data points'];
    for (const chart of charts.map((c) => (c.startsWith('Latency') ? c : `${c}, per minute`))) {
      await expect(page.getByRole('figure', { name: chart })).toBeVisible();
    }
    await expect(page.getByRole('figure', { name: 'Delivered and not delivered, per minute' }).locator('.recharts-bar-rectangle').first()).toBeVisible();
    const skippedLink = stat(page, 'Skipped (no user ID)').getByRole('link', { name: 'Filter anonymous events' });
    await expect(skippedLink).toHaveAttribute('href', `/syncs/${emailSync}#event-forwarding-title`);
    await shot(page, 'dashboard-sync');
  });

  await test.step('failures by cause, then the failed event in the delivery log with what Braze answered', async () => {
    const failures = page.getByRole('region', { name: 'Failures and delivery log' });
    const cause = failures.getByRole('article', { name: /Refused by Braze \(one object of an accepted request\) · HTTP 201/ });
    await expect(cause).toContainText(INVALID_EMAIL);
    await expect(cause).toContainText('1 event');
    await cause.getByText('Example event (1)').click();
    await expect(cause.getByLabel(/^Example event/)).toContainText('"email": "not-an-email"');

    await cause.getByRole('button', { name: 'Find in the delivery log' }).click();
    await expect(failures.getByRole('tab', { name: 'Delivery log' })).toHaveAttribute('aria-selected', 'true');
    const search = failures.getByRole('search', { name: 'Search the delivery log' });
    await expect(search.getByLabel('User ID')).toHaveValue('not-an-email');
    // The requests themselves, not the objects listed inside each.
    const requests = failures.getByRole('list', { name: 'Braze requests' }).locator(':scope > li');
    await expect(requests).toHaveCount(1);
    const request = requests.first();
    await expect(request).toContainText('201');
    await expect(request).toContainText('1 refused by Braze');
    await expect(request.getByLabel(/^Sent to Braze: events\[\d+\]$/)).toHaveCount(1);
    await expect(request.getByLabel(/^Sent to Braze: events/)).toContainText('"email": "not-an-email"');
    await expect(request.getByLabel(/^Sent to Braze: events/)).toContainText('"name": "Dashboard Purchase"');
    await expect(request).toContainText(`Braze: ${INVALID_EMAIL}`);
    await expect(request).not.toContainText(GOOD_KEY);
    await request.scrollIntoViewIfNeeded();
    await shot(page, 'dashboard-failures');

    await search.getByLabel('User ID').fill(`buyer1-${run}@example.com`);
    await search.getByRole('button', { name: 'Search' }).click();
    // The same request: this user's object went through; Braze's error was for another one.
    await expect(requests.first().getByLabel(/^Sent to Braze: events/)).toContainText(`"email": "buyer1-${run}@example.com"`);
    await expect(requests.first().getByText(/^Braze: /)).toHaveCount(0);
  });

  await test.step('the refused key: paused, its failed events listed with Braze\'s answer, not replayable until the key is fixed', async () => {
    await page.goto(`/dashboard/syncs/${keySync}?range=1h`);
    await expect(page.getByRole('heading', { level: 1, name: KEY_SYNC })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Paused by the system', { exact: true }).first()).toBeVisible();
    const cause = page.getByRole('article', { name: /^Refused by Braze · HTTP 401$/ });
    await expect(cause).toContainText('2 events');
    await expect(cause).toContainText('Invalid API Key');
    await expect(cause.getByRole('button', { name: 'Replay 2 events' })).toBeDisabled();
    await expect(page.getByText('Fix the cause before replaying')).toBeVisible();
    await expectStat(page, 'Not delivered', '2');

    const failures = page.getByRole('region', { name: 'Failures and delivery log' });
    await failures.getByRole('tab', { name: 'Delivery log' }).click();
    const search = failures.getByRole('search', { name: 'Search the delivery log' });
    await search.getByLabel('User ID').fill(`signup-1-${run}`);
    await search.getByRole('button', { name: 'Search' }).click();
    const request = failures.getByRole('list', { name: 'Braze requests' }).locator(':scope > li').first();
    await expect(request).toContainText('401');
    await expect(request).toContainText('Refused');
    await expect(request).toContainText('Braze answered: ');
    await expect(request).toContainText('Invalid API Key');
    await expect(request.getByLabel(/^Sent to Braze: events/)).toContainText(`"external_id": "signup-1-${run}"`);
    await expect(request).not.toContainText('e2e-key-braze-refuses');

    await failures.getByRole('tab', { name: 'Failed events' }).click();
    const letters = failures.getByRole('table').getByRole('row');
    await expect(letters).toHaveCount(3); // the header and two events
    await expect(failures.getByRole('checkbox', { name: new RegExp(`^Select Dashboard Signup of signup-1-${run} at `) })).toBeVisible();
    await expect(failures.getByRole('button', { name: /^Replay selected/ })).toBeDisabled();
    await shot(page, 'dashboard-paused');
  });

  await test.step('fix the key in the sync settings and Save (which lifts the pause)', async () => {
    await page.getByRole('link', { name: 'Fix the credentials in the sync settings' }).click();
    await expect(page.getByLabel('REST API Key', { exact: true })).toBeVisible({ timeout: 30_000 });
    await page.getByLabel('REST API Key', { exact: true }).fill(GOOD_KEY);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Sync saved.')).toBeVisible();
  });

  const signups = async () => (await fakeBraze.events()).filter((e) => e.object.app_id === KEY_APP).map((e) => String(e.object.external_id)).sort();

  await test.step('Replay one selected failed event: it reaches Braze, once', async () => {
    await page.goto(`/dashboard/syncs/${keySync}?range=1h`);
    await expect(page.getByRole('heading', { level: 1, name: KEY_SYNC })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Paused by the system', { exact: true })).toHaveCount(0);
    const failures = page.getByRole('region', { name: 'Failures and delivery log' });
    await failures.getByRole('tab', { name: 'Failed events' }).click();
    await failures.getByRole('checkbox', { name: new RegExp(`^Select Dashboard Signup of signup-1-${run} at `) }).check();
    await failures.getByRole('button', { name: 'Replay selected (1)' }).click();
    await expect(failures.getByText('1 event queued for replay.')).toBeVisible();
    const replayed = failures.getByRole('row', { name: new RegExp(`signup-1-${run}`) });
    await expect(replayed).toContainText('Delivered by replay', { timeout: 30_000 });
    await expect(failures.getByRole('row', { name: new RegExp(`signup-2-${run}`) })).toContainText('Not replayed');
    await expect.poll(signups, { timeout: 30_000 }).toEqual([`signup-1-${run}`]);
  });

  await test.step('Replay the rest of the cause: the other event reaches Braze, once; the cause is resolved', async () => {
    const failures = page.getByRole('region', { name: 'Failures and delivery log' });
    await failures.getByRole('tab', { name: 'By cause' }).click();
    const cause = failures.getByRole('article', { name: /^Refused by Braze · HTTP 401$/ });
    await expect(cause).toContainText('1 event');
    await cause.getByRole('button', { name: 'Replay 1 event' }).click();
    await expect(failures.getByText('1 event queued for replay.')).toBeVisible();
    const progress = failures.getByRole('status', { name: 'Replay progress' });
    await expect(progress).toContainText('2 delivered', { timeout: 30_000 });
    await expect(progress).toContainText('0 failed again');
    await expect(progress).toContainText('0 waiting');
    await expect(failures.getByText('No failures', { exact: true })).toBeVisible();
    await expectStat(page, 'Delivered', '2');
    // Both failures were recovered: one event, one outcome — nothing is still failed.
    await expectStat(page, 'Delivery rate', '100%');
    await expect.poll(signups, { timeout: 30_000 }).toEqual([`signup-1-${run}`, `signup-2-${run}`]);
    await shot(page, 'dashboard-replayed');
  });

  await test.step('replaying the same events again sends nothing: Braze accepted them', async () => {
    const letters = await page.request.get(`/api/syncs/${keySync}/dead-letters`);
    const { rows } = (await letters.json()) as { rows: { id: string; replayState: string | null }[] };
    expect(rows.map((r) => r.replayState)).toEqual(['delivered', 'delivered']);
    const again = await page.request.post(`/api/syncs/${keySync}/replay`, { data: { ids: rows.map((r) => r.id) } });
    expect(again.status()).toBe(202);
    expect(await again.json()).toEqual({ queued: 0 });
    await expectPipelineIdle(page);
    expect(await signups()).toEqual([`signup-1-${run}`, `signup-2-${run}`]);
  });
});
