/**
 * The delivery dashboard tells what reached Braze, what did not and why, counted in Braze objects
 * (events and user updates). Events sent with the official SDK make delivered, retried (an
 * injected 503), failed (a bad email: content Braze always refuses; a request Braze refused) and
 * skipped (no user ID) traffic, and a sync whose key Braze refuses is paused; the overview, the
 * sync list and the per-sync page show one failure figure, each figure explained by a tooltip;
 * a failure is found in the delivery log with Braze's own words; the refused request's objects
 * are replayed, one by selection and the rest by cause, and each reaches Braze once; the content
 * error says what to fix in the source instead of offering a replay.
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
const FAILED_MEANING = 'Objects Braze refused, that could not be sent, or that expired after retries, and that no replay has since delivered or found superseded.';
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

/** The sync list's row of a sync (Catalog → Braze). */
const listRow = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });

/** A screenshot without a chart tooltip where the pointer happens to rest. */
async function shot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await screenshot(page, name);
}

const stat = (page: Page, label: string): Locator => page.getByRole('group', { name: label, exact: true });

async function expectStat(page: Page, label: string, value: string) {
  await expect(stat(page, label).getByText(value, { exact: true })).toBeVisible({ timeout: 30_000 });
}

test('the dashboard shows delivered, retried, failed and skipped objects, finds a failure in the log, and a replay delivers it once', async ({ page }) => {
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

  await test.step('two syncs: Email as the Braze user ID (events and the plan user property), and one whose key Braze refuses', async () => {
    emailSync = await createSync(page, {
      name: EMAIL_SYNC,
      restApiKey: GOOD_KEY,
      appId: EMAIL_APP,
      identifierType: 'EMAIL',
      eventSelection: { rules: [{ eventType: 'Dashboard Purchase', where: [] }] },
      sendUsers: true,
      userProperties: ['plan'],
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
    // Delivered on the retry, before the next fault is set.
    const retried = async () => (await fakeBraze.events()).filter((e) => String(e.object.email).startsWith('retry')).length;
    await expect.poll(retried, { timeout: 30_000 }).toBe(2);
  });

  await test.step('Braze refuses one request (400): two events and two user updates fail', async () => {
    await fakeBrazeAdmin.injectFaults([{ status: 400, count: 1 }]);
    const codes = await sendWithSdk(
      [1, 2].map((i) => ({ event_type: 'Dashboard Purchase', user_id: `refused${i}-${run}@example.com`, time: time(30 + i), user_properties: { $set: { plan: 'gold' } } })),
    );
    expect(codes).toEqual([200, 200]);
    await expect.poll(() => fakeBrazeAdmin.pendingFaults(), { timeout: 30_000 }).toEqual([]);
  });

  await test.step('the overview: one failure figure per sync, each column explained; the refused key pauses its sync', async () => {
    const email = overviewRow(page, EMAIL_SYNC);
    await expect(email.hourDelivered).toHaveText('5', { timeout: 30_000 });
    await expect(email.status).toHaveText('Enabled');
    await expect(email.hourFailed).toHaveText('5', { timeout: 30_000 });
    await expect(email.dayDelivered).toHaveText('5');
    await expect(email.dayFailed).toHaveText('5');
    await expect(email.rate).toHaveText('50%');

    const refused = overviewRow(page, KEY_SYNC);
    await expect(refused.status).toContainText('Paused by the system', { timeout: 30_000 });
    await expect(refused.status).toContainText('401');
    await expect(refused.hourDelivered).toHaveText('0');
    // Its events wait, queued, for the fixed key: nothing failed.
    await expect(refused.hourFailed).toHaveText('0');

    await shot(page, 'dashboard-overview');
    await page.getByRole('button', { name: 'What “Failed” means' }).first().hover();
    await expect(page.getByRole('tooltip').filter({ hasText: FAILED_MEANING }).first()).toBeVisible();
    await screenshot(page, 'dashboard-overview-tooltip');
    await page.mouse.move(0, 0);
  });

  await test.step('the sync list: the paused sync shows its state instead of an Enabled switch', async () => {
    await page.goto('/catalog/destinations/braze');
    const paused = listRow(page, KEY_SYNC);
    await expect(paused.getByText('Paused by the system', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(paused.getByRole('switch')).toHaveCount(0);
    await expect(listRow(page, EMAIL_SYNC).getByRole('switch', { name: `Status of ${EMAIL_SYNC}` })).toBeChecked();
    await shot(page, 'dashboard-sync-list-failing');
  });

  await test.step('the per-sync page: totals of the last hour in objects, with their meanings, and the charts', async () => {
    await page.goto(`/dashboard/syncs/${emailSync}`);
    await expect(page.getByRole('heading', { level: 1, name: EMAIL_SYNC })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/^Attribute type guard/)).toBeVisible();
    await page.getByRole('radio', { name: 'Last hour' }).check();
    await expect(page).toHaveURL(/\?range=1h$/);
    await expectStat(page, 'Delivered', '5');
    await expect(stat(page, 'Delivered')).toContainText('3 on the first attempt · 2 after retry');
    await expectStat(page, 'Failed', '5');
    await expect(stat(page, 'Failed')).toContainText('5 refused or not sendable, 0 expired');
    await expectStat(page, 'Delivery rate', '50%');
    await expect(stat(page, 'Delivery rate')).toContainText('5 failed of 10 objects');
    await expect(stat(page, 'Failed').getByRole('tooltip', { includeHidden: true })).toHaveText(FAILED_MEANING);
    await expectStat(page, 'Skipped (no user ID)', '2');
    await expectStat(page, 'Filtered out', '2');
    await expectStat(page, 'Retried', '2');
    await expect(stat(page, 'Requests to Braze').getByText(/^[4-9]$/)).toBeVisible();
    await expectStat(page, 'Data points sent', '5');
    const charts = ['Delivered and refused', 'Latency, ingestion to Braze', 'Retries and rate limiting', 'Left out', 'Requests to Braze', 'Braze data points'];
    for (const chart of charts.map((c) => (c.startsWith('Latency') ? c : `${c}, per minute`))) {
      await expect(page.getByRole('figure', { name: chart })).toBeVisible();
    }
    await expect(page.getByRole('figure', { name: 'Delivered and refused, per minute' }).locator('.recharts-bar-rectangle').first()).toBeVisible();
    const skippedLink = stat(page, 'Skipped (no user ID)').getByRole('link', { name: 'Filter anonymous events' });
    await expect(skippedLink).toHaveAttribute('href', `/syncs/${emailSync}#event-forwarding-title`);
  });

  await test.step('failures by cause: the refused request in objects (events and user updates), the bad email as content to fix in the source', async () => {
    const failures = page.getByRole('region', { name: 'Failures and delivery log' });
    const refused = failures.getByRole('article', { name: /^Refused by Braze · HTTP 400$/ });
    await expect(refused).toContainText('4 objects (2 events, 2 user updates)');
    await expect(refused.getByRole('button', { name: 'Replay 4 objects' })).toBeEnabled();

    const content = failures.getByRole('article', { name: 'Content refused by Braze (the rest of its request was accepted)' });
    await expect(content).toContainText(INVALID_EMAIL);
    await expect(content).toContainText('1 object (event)');
    await expect(content).toContainText("Fix in the source: Braze refuses this content every time it is sent, so a replay would fail again. Fix the value of 'email'");
    await expect(content.getByRole('button', { name: /^Replay/ })).toHaveCount(0);
    await content.getByText('Example (1)').click();
    await expect(content.getByLabel(/^Example /)).toContainText('"email": "not-an-email"');
    await shot(page, 'dashboard-sync');

    await content.getByRole('button', { name: 'Find in the delivery log' }).click();
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

  const refusedObjects = async () => {
    const mine = (o: { object: Record<string, unknown> }) => String(o.object.email ?? '').startsWith('refused');
    const events = (await fakeBraze.events()).filter(mine).map((e) => `event ${String(e.object.email)}`);
    const updates = (await fakeBraze.attributes()).filter(mine).map((a) => `plan=${String(a.object.plan)} ${String(a.object.email)}`);
    return [...events, ...updates].sort();
  };
  const allRefused = [1, 2].flatMap((i) => [`event refused${i}-${run}@example.com`, `plan=gold refused${i}-${run}@example.com`]).sort();

  await test.step('Replay one selected failed object: it reaches Braze, once', async () => {
    const failures = page.getByRole('region', { name: 'Failures and delivery log' });
    await failures.getByRole('tab', { name: 'Failed objects' }).click();
    const row = failures.getByRole('row', { name: new RegExp(`refused1-${run}`) }).filter({ hasText: 'Event: Dashboard Purchase' });
    await row.getByRole('checkbox').check();
    await failures.getByRole('button', { name: 'Replay selected (1)' }).click();
    await expect(failures.getByText('1 object (event) queued for replay.')).toBeVisible();
    await expect(row).toContainText('Delivered by replay', { timeout: 30_000 });
    await expect.poll(refusedObjects, { timeout: 30_000 }).toEqual([`event refused1-${run}@example.com`]);
    const content = failures.getByRole('row', { name: /not-an-email/ });
    await expect(content).toContainText('Fix in the source');
    await expect(content.getByRole('checkbox')).toBeDisabled();
  });

  await test.step('Replay the rest of the cause: the other objects reach Braze, once; only the content error is left', async () => {
    const failures = page.getByRole('region', { name: 'Failures and delivery log' });
    await failures.getByRole('tab', { name: 'By cause' }).click();
    const cause = failures.getByRole('article', { name: /^Refused by Braze · HTTP 400$/ });
    await expect(cause).toContainText('3 objects (1 event, 2 user updates)');
    await cause.getByRole('button', { name: 'Replay 3 objects' }).click();
    await expect(failures.getByText('3 objects (1 event, 2 user updates) queued for replay.', { exact: false })).toBeVisible();
    const progress = failures.getByRole('status', { name: 'Replay progress' });
    await expect(progress).toContainText('4 delivered', { timeout: 30_000 });
    await expect(progress).toContainText('0 failed again');
    await expect(progress).toContainText('0 waiting');
    await expect(cause).toHaveCount(0);
    await expectStat(page, 'Delivered', '9');
    await expectStat(page, 'Failed', '1');
    await expect(stat(page, 'Failed')).toContainText('4 of them since resolved by replay');
    await expectStat(page, 'Delivery rate', '90%');
    await expectStat(page, 'Data points sent', '9');
    await expect.poll(refusedObjects, { timeout: 30_000 }).toEqual(allRefused);
    await shot(page, 'dashboard-replayed');
  });

  const signups = async () => (await fakeBraze.events()).filter((e) => e.object.app_id === KEY_APP).map((e) => String(e.object.external_id)).sort();

  await test.step('fix the refused key in the sync settings and Save: the waiting events are sent, with no replay', async () => {
    await page.goto(`/dashboard/syncs/${keySync}?range=1h`);
    await expect(page.getByText('Paused by the system', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
    // A sync of events only has no attributes to guard: the page, rendered from the same sync, says nothing of them.
    await expect(page.getByText(/^Attribute type guard/)).toHaveCount(0);
    await shot(page, 'dashboard-paused');
    await page.getByRole('link', { name: 'Fix the credentials in the sync settings' }).click();
    await expect(page.getByLabel('REST API Key', { exact: true })).toBeVisible({ timeout: 30_000 });
    await page.getByLabel('REST API Key', { exact: true }).fill(GOOD_KEY);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Sync saved.')).toBeVisible();
    await expect.poll(signups, { timeout: 60_000 }).toEqual([`signup-1-${run}`, `signup-2-${run}`]);
  });

  await test.step('replaying the same objects again sends nothing: Braze accepted them', async () => {
    const letters = await page.request.get(`/api/syncs/${emailSync}/dead-letters`);
    const { rows } = (await letters.json()) as { rows: { id: string; replayState: string | null; kind: string }[] };
    const replayed = rows.filter((r) => r.kind === 'rejected');
    expect(replayed.map((r) => r.replayState)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    const again = await page.request.post(`/api/syncs/${emailSync}/replay`, { data: { ids: replayed.map((r) => r.id) } });
    expect(again.status()).toBe(202);
    expect(await again.json()).toEqual({ queued: 0, events: 0, userUpdates: 0 });
    await expectPipelineIdle(page);
    expect(await refusedObjects()).toEqual(allRefused);
  });

  await test.step('recovered: the overview and the sync list show both syncs enabled, the per-sync figures agree', async () => {
    await page.goto('/dashboard');
    const email = overviewRow(page, EMAIL_SYNC);
    await expect(email.hourDelivered).toHaveText('9', { timeout: 30_000 });
    await expect(email.hourFailed).toHaveText('1');
    await expect(email.rate).toHaveText('90%');
    const fixed = overviewRow(page, KEY_SYNC);
    await expect(fixed.status).toHaveText('Enabled', { timeout: 30_000 });
    await expect(fixed.hourDelivered).toHaveText('2', { timeout: 30_000 });
    await expect(fixed.hourFailed).toHaveText('0');
    await shot(page, 'dashboard-overview-recovered');

    await page.goto('/catalog/destinations/braze');
    await expect(listRow(page, KEY_SYNC).getByRole('switch', { name: `Status of ${KEY_SYNC}` })).toBeChecked({ timeout: 30_000 });
    await expect(listRow(page, KEY_SYNC).getByText('Paused by the system', { exact: true })).toHaveCount(0);
    await shot(page, 'dashboard-sync-list-recovered');
  });
});
