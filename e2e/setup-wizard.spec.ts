/**
 * A person who has never seen the product signs in and, by role and label only, creates a Braze
 * sync, tests it and turns it on; events sent with the official SDK then reach the fake Braze
 * with exactly the selected properties. Every step leaves a screenshot in e2e/screenshots/.
 */
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { sendWithSdk } from './support/amplitude-sdk';
import { fakeBraze } from './support/fake-braze-client';
import { expectPipelineIdle, waitForSettingsInForce } from './support/product-state';
import { screenshot } from './support/screenshot';
import { signIn, signInAlert } from './support/sign-in';

const SYNC = 'Braze (wizard e2e)';
const APP_ID = 'e2e-wizard-app';
const KEY = 'e2e-rest-api-key';
const KEYS = [
  { key: KEY },
  { key: 'e2e-export-only-key', permissions: ['users.export.ids'] },
  { key: 'e2e-other-cluster-key', otherCluster: true },
];
const run = Date.now().toString(36);
const time = (offsetMs: number) => Date.UTC(2026, 10, 29, 10, 0, 0) + offsetMs;
const syncIdOf = (syncUrl: string) => syncUrl.split('/').at(-1)!;

/** What the fake Braze accepted from this sync (by its app_id), events and attributes. */
async function received() {
  const events = (await fakeBraze.events()).filter((e) => e.object.app_id === APP_ID);
  const users = new Set(events.map((e) => JSON.stringify(e.object.external_id ?? e.object.user_alias)));
  const attributes = (await fakeBraze.attributes()).filter((a) => users.has(JSON.stringify(a.object.external_id ?? a.object.user_alias)));
  return { events, attributes };
}

/** Every visible form control and button of the page has an accessible name. */
async function expectEveryControlLabelled(page: Page) {
  const controls = page.locator('input:not([type=hidden]), select, textarea, button');
  const count = await controls.count();
  expect(count).toBeGreaterThan(10);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    if (!(await control.isVisible()) && (await control.getAttribute('role')) !== 'switch') continue;
    await expect(control, await control.evaluate((el) => el.outerHTML.slice(0, 120))).toHaveAccessibleName(/\S/);
  }
}

async function selectedEventCard(page: Page) {
  const events = page.getByRole('region', { name: 'Configure event forwarding' });
  return { events, rule: events.getByRole('group', { name: 'Event 1' }) };
}

test('sign in, create a Braze sync in the wizard, test it, turn it on: events arrive with exactly the selected properties', async ({ page, request }) => {
  test.setTimeout(300_000);

  await test.step('the catalog has something to offer: events sent with the SDK before any sync exists', async () => {
    const codes = await sendWithSdk([
      { event_type: 'Order Completed', user_id: `seed-${run}`, time: time(0), event_properties: { amount: 12, currency: 'USD', coupon: 'WELCOME' }, user_properties: { plan: 'free', country: 'US', age: 31 } },
      { event_type: 'Page Viewed', user_id: `seed-${run}`, time: time(1), event_properties: { path: '/pricing' } },
    ]);
    expect(codes).toEqual([200, 200]);
  });

  await test.step('without signing in, pages send to the login page and the management API answers 401', async () => {
    await page.goto('/catalog/destinations/braze');
    await expect(page).toHaveURL(/\/login\?next=%2Fcatalog%2Fdestinations%2Fbraze$/);
    for (const [method, path] of [['GET', '/api/syncs'], ['POST', '/api/syncs'], ['GET', '/api/project'], ['POST', '/api/syncs/test-connection']] as const) {
      const res = await request.fetch(path, { method, data: method === 'POST' ? {} : undefined });
      expect(res.status(), `${method} ${path}`).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: 'Sign in to continue.' } });
    }
    await screenshot(page, '01-login');
  });

  await test.step('a wrong password is said plainly; the right one opens the page asked for', async () => {
    await signIn(page, 'not-the-password');
    await expect(signInAlert(page)).toContainText('Wrong email or password.');
    await screenshot(page, '02-login-wrong-password');
    await signIn(page);
    await expect(page).toHaveURL(/\/catalog\/destinations\/braze$/);
  });

  await test.step('Catalog → Destinations tab → Event Streaming section → Braze', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
    // The catalog is written by the worker every few seconds.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('cell', { name: 'Order Completed' })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await screenshot(page, '03-catalog-events');
    await page.getByRole('tab', { name: 'Destinations' }).click();
    const streaming = page.getByRole('region', { name: 'Event Streaming' });
    await expect(streaming).toBeVisible();
    await screenshot(page, '04-catalog-destinations');
    await streaming.getByRole('link', { name: 'Braze' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Braze' })).toBeVisible();
    await expect(page.getByText('No syncs yet')).toBeVisible();
    await screenshot(page, '05-braze-destination');
  });

  await test.step('enter a sync name, then Create Sync (by keyboard)', async () => {
    await page.getByRole('button', { name: 'Create Sync' }).click();
    await expect(page.getByLabel('Sync name')).toHaveAccessibleDescription(/Enter a sync name/);
    await page.getByLabel('Sync name').fill(SYNC);
    await page.getByLabel('Sync name').press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: SYNC })).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Status', exact: true })).not.toBeChecked();
    await screenshot(page, '06-new-sync');
  });

  await test.step('Save before entering credentials shows each error next to its field', async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('form', { name: 'Sync setup' }).getByRole('alert')).toContainText('The sync was not saved');
    const endpoint = page.getByLabel('Braze REST API Endpoint');
    await expect(endpoint).toHaveAttribute('aria-invalid', 'true');
    await expect(endpoint).toHaveAccessibleDescription(/Select your Braze REST API Endpoint/);
    await expect(endpoint).toBeFocused();
    const key = page.getByLabel('REST API Key', { exact: true });
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    await expect(key).toHaveAccessibleDescription(/Enter your REST API Key/);
    await expect(page.getByText('Enter your REST API Key')).toBeVisible();
    await screenshot(page, '07-field-errors');
  });

  await test.step('enter credentials; Test connection names a wrong key, a missing permission, then works', async () => {
    await fakeBraze.setKeys(KEYS);
    const credentials = page.getByRole('region', { name: 'Enter credentials' });
    await credentials.getByLabel('Braze REST API Endpoint').selectOption(process.env.E2E_BRAZE_URL!);
    await expect(credentials.getByRole('option', { name: /^US-01 · rest\.iad-01\.braze\.com/ })).toBeAttached();
    await credentials.getByLabel('REST API Key', { exact: true }).fill('e2e-other-cluster-key');
    await credentials.getByLabel('Braze Application API Key').fill(APP_ID);
    await expect(credentials.getByRole('checkbox', { name: 'Update Users Only' })).not.toBeChecked();
    await expect(credentials.getByText("your alias-only user profiles aren't created in Braze")).toBeVisible();

    const test = credentials.getByRole('button', { name: 'Test connection' });
    await test.click();
    await expect(credentials.getByRole('alert')).toContainText('Braze did not accept this REST API Key');
    await expect(credentials.getByRole('alert')).toContainText('a key only works on its own cluster');
    await screenshot(page, '08-test-connection-wrong-key');

    await credentials.getByLabel('REST API Key', { exact: true }).fill('e2e-export-only-key');
    await test.click();
    await expect(credentials.getByRole('alert')).toContainText('lacks the users.track permission');

    await credentials.getByLabel('REST API Key', { exact: true }).fill(KEY);
    await test.click();
    await expect(credentials.getByRole('status')).toContainText('Connection works');
    await screenshot(page, '09-test-connection-ok');
  });

  await test.step('configure mappings: user_id as External ID', async () => {
    const mappings = page.getByRole('region', { name: 'Configure mappings' });
    await expect(mappings.getByLabel('Amplitude property for the Braze user ID')).toHaveValue('user_id');
    await mappings.getByRole('radio', { name: 'External ID' }).check();
    await expect(mappings.getByLabel('Alias label')).toHaveCount(0);
    await screenshot(page, '10-mappings');
  });

  await test.step('configure event forwarding: one event with a filter, the anonymous-users filter, additional properties', async () => {
    const { events, rule } = await selectedEventCard(page);
    await expect(events.getByRole('switch', { name: 'Send Events' })).toBeChecked();
    await expect(events.getByText('Events are sent to Braze')).toBeVisible();
    await rule.getByLabel('Event', { exact: true }).fill('Order Completed');
    await rule.getByRole('button', { name: '+ Add filter' }).click();
    const filter = rule.getByRole('group', { name: 'Filter 1' });
    await filter.getByLabel('Property type').selectOption({ label: 'Event property' });
    await filter.getByLabel('Property', { exact: true }).fill('amount');
    await filter.getByLabel('Operator').selectOption({ label: 'greater than' });
    await filter.getByLabel('Values').fill('10');

    await expect(events.getByText('Events for anonymous users cannot be streamed')).toBeVisible();
    await events.getByRole('button', { name: 'Keep only events where user_id is set' }).click();
    await expect(events.getByText('Every selected event keeps only events where user_id is set.')).toBeVisible();
    const anonymous = rule.getByRole('group', { name: 'Filter 2' });
    await expect(anonymous.getByLabel('Property', { exact: true })).toHaveValue('user_id');
    await expect(anonymous.getByLabel('Operator')).toHaveValue('is_set');

    for (const name of ['amount', 'currency']) {
      await events.getByLabel('Event properties', { exact: true }).fill(name);
      await events.getByLabel('Event properties', { exact: true }).press('Enter');
    }
    await events.getByLabel('User properties', { exact: true }).fill('plan');
    await events.getByLabel('User properties', { exact: true }).press('Enter');
    await expect(events.getByRole('list', { name: 'Event properties: selected' }).getByRole('listitem')).toHaveText(['amount×', 'currency×']);
    await expect(events.getByRole('list', { name: 'User properties: selected' }).getByRole('listitem')).toHaveText(['plan×']);
    await expectEveryControlLabelled(page);
    await screenshot(page, '11-event-forwarding');
  });

  await test.step('configure user forwarding: Send Users with one user property', async () => {
    const users = page.getByRole('region', { name: 'Configure user forwarding' });
    await users.getByRole('switch', { name: 'Send Users' }).check();
    await expect(users.getByText('Users are sent to Braze')).toBeVisible();
    await users.getByLabel('User properties', { exact: true }).fill('country');
    await users.getByLabel('User properties', { exact: true }).press('Enter');
    await screenshot(page, '12-user-forwarding');
  });

  await test.step('Preview shows the exact request for a sample event', async () => {
    const preview = page.getByRole('region', { name: 'Preview' });
    const sample = JSON.parse(await preview.getByLabel('Sample event (Amplitude format)').inputValue()) as Record<string, unknown>;
    expect(sample.event_type).toBe('Order Completed');
    await preview.getByRole('button', { name: 'Preview request' }).click();
    const result = preview.getByRole('status', { name: 'Preview result' });
    await expect(result).toContainText(`POST ${process.env.E2E_BRAZE_URL}/users/track`);
    await expect(result).toContainText('Authorization: Bearer ••••••••-key');
    await expect(result).toContainText('"name": "Order Completed"');
    await expect(result).toContainText('"amount": 11');
    await expect(result).not.toContainText(KEY);
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, '13-preview');
  });

  let syncUrl = '';
  await test.step('Status Enabled (Space on the switch), then Save', async () => {
    const status = page.getByRole('switch', { name: 'Status', exact: true });
    await status.focus();
    await page.keyboard.press('Space');
    await expect(status).toBeChecked();
    await expect(page.getByText('Enabled', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Sync saved.' })).toBeVisible();
    await expect(page).toHaveURL(/\/syncs\/[a-z0-9]+(\?saved=1)?$/);
    syncUrl = new URL(page.url()).pathname;
    await expect(page.getByLabel('REST API Key', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('REST API Key', { exact: true })).toHaveAttribute('placeholder', 'Leave blank to keep ••••••••-key');
    await screenshot(page, '14-saved');
  });

  await test.step('the saved sync is listed with its status', async () => {
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Braze' }).click();
    const row = page.getByRole('row').filter({ hasText: SYNC });
    await expect(row.getByRole('switch', { name: `Status of ${SYNC}` })).toBeChecked();
    await expect(row.getByText('Events')).toBeVisible();
    await expect(row.getByText('Users')).toBeVisible();
    await screenshot(page, '15-sync-list');
  });

  await test.step('events sent with the SDK arrive with exactly the selected properties', async () => {
    await fakeBraze.reset();
    const user = `buyer-${run}`;
    const codes = await sendWithSdk([
      {
        event_type: 'Order Completed', user_id: user, time: time(1_000),
        event_properties: { amount: 25, currency: 'EUR', coupon: 'SPRING' },
        user_properties: { plan: 'pro', country: 'FR', age: 40 },
      },
      { event_type: 'Order Completed', user_id: user, time: time(2_000), event_properties: { amount: 5, currency: 'EUR' } },
      { event_type: 'Order Completed', device_id: `anonymous-device-${run}`, time: time(3_000), event_properties: { amount: 50, currency: 'EUR' } },
      { event_type: 'Page Viewed', user_id: user, time: time(4_000), event_properties: { path: '/checkout' } },
    ]);
    expect(codes).toEqual([200, 200, 200, 200]);
    await expect.poll(async () => (await received()).events.length, { timeout: 30_000 }).toBeGreaterThan(0);
    // Everything the SDK sent has been fanned out and sent: nothing more can arrive.
    await expectPipelineIdle(page, { delayed: false });
    const { events, attributes } = await received();
    expect(events.map((e) => e.object)).toEqual([
      { external_id: user, app_id: APP_ID, name: 'Order Completed', time: new Date(time(1_000)).toISOString(), properties: { amount: 25, currency: 'EUR', plan: 'pro' } },
    ]);
    expect(attributes.map((a) => a.object)).toEqual([{ external_id: user, country: 'FR' }]);
    expect(events.every((e) => e.apiKey === KEY)).toBe(true);
  });

  await test.step('edit: User Alias mapping, key left blank; Test connection uses the stored key, and events still arrive', async () => {
    await page.getByRole('row').filter({ hasText: SYNC }).getByRole('link', { name: `Edit ${SYNC}` }).click();
    await expect(page).toHaveURL(new RegExp(`${syncUrl}$`));
    const credentials = page.getByRole('region', { name: 'Enter credentials' });
    await expect(credentials.getByLabel('REST API Key', { exact: true })).toHaveValue('');
    await credentials.getByRole('button', { name: 'Test connection' }).click();
    await expect(credentials.getByRole('status')).toContainText('Connection works');

    const mappings = page.getByRole('region', { name: 'Configure mappings' });
    await mappings.getByRole('radio', { name: 'User Alias' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(mappings.getByText('Enter the alias label used with User Alias')).toBeVisible();
    await mappings.getByLabel('Alias label').fill('amplitude_user_id');
    await screenshot(page, '16-edit-user-alias');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Sync saved.' })).toBeVisible();

    await waitForSettingsInForce(page, [syncIdOf(syncUrl)]);
    await fakeBraze.reset();
    const user = `alias-${run}`;
    expect(await sendWithSdk([{ event_type: 'Order Completed', user_id: user, time: time(5_000), event_properties: { amount: 99, currency: 'GBP' } }])).toEqual([200]);
    await expect.poll(async () => (await received()).events.map((e) => e.object), { timeout: 30_000 }).toEqual([
      {
        user_alias: { alias_name: user, alias_label: 'amplitude_user_id' },
        app_id: APP_ID, name: 'Order Completed', time: new Date(time(5_000)).toISOString(), properties: { amount: 99, currency: 'GBP' },
      },
    ]);
    const track = (await fakeBraze.requests()).filter((r) => r.path === '/users/track');
    expect(track.every((r) => r.apiKey === KEY && r.status === 201)).toBe(true);
  });

  await test.step('Disabled from the list: nothing is sent', async () => {
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Braze' }).click();
    const status = page.getByRole('switch', { name: `Status of ${SYNC}` });
    await status.uncheck();
    await expect(status).not.toBeChecked();
    await expect(page.getByRole('row').filter({ hasText: SYNC }).getByText('Disabled')).toBeVisible();
    // The switch is disabled while the change is being saved.
    await expect(status).toBeEnabled();
    await page.reload();
    await expect(page.getByRole('switch', { name: `Status of ${SYNC}` })).not.toBeChecked();
    await screenshot(page, '17-disabled');

    await waitForSettingsInForce(page, [syncIdOf(syncUrl)]);
    await fakeBraze.reset();
    expect(await sendWithSdk([{ event_type: 'Order Completed', user_id: `off-${run}`, time: time(6_000), event_properties: { amount: 70 } }])).toEqual([200]);
    await expectPipelineIdle(page, { delayed: false });
    expect((await fakeBraze.requests()).filter((r) => r.path === '/users/track')).toEqual([]);
  });

  await test.step('delete asks first, then removes the sync', async () => {
    await page.getByRole('button', { name: `Delete ${SYNC}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete "${SYNC}"?` });
    await expect(dialog).toBeVisible();
    await screenshot(page, '18-delete-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: SYNC })).toBeVisible();
    await page.getByRole('button', { name: `Delete ${SYNC}` }).click();
    await dialog.getByRole('button', { name: 'Delete sync' }).click();
    await expect(page.getByText('No syncs yet')).toBeVisible();
    await screenshot(page, '19-deleted');
  });

  await test.step('project settings: the API key with copy and rotate, and an SDK snippet with this server', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const oldKey = process.env.E2E_PROJECT_API_KEY!;
    await expect(page.getByLabel('API key', { exact: true })).toHaveValue(oldKey);
    await expect(page.getByRole('figure', { name: 'Node.js (@amplitude/analytics-node)' })).toContainText(`serverUrl: '${process.env.E2E_APP_URL}/2/httpapi'`);
    await expect(page.getByRole('figure', { name: 'Browser (@amplitude/analytics-browser)' })).toContainText(`amplitude.init('${oldKey}'`);
    await page.getByRole('button', { name: 'Copy API key' }).click();
    await expect(page.getByRole('button', { name: 'Copy API key' })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(oldKey);
    await screenshot(page, '20-settings');

    await page.getByRole('button', { name: 'Rotate key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the API key?' });
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    await expect(page.getByText('A new API key is in use.')).toBeVisible();
    const newKey = await page.getByLabel('API key', { exact: true }).inputValue();
    expect(newKey).toMatch(/^[0-9a-f]{32}$/);
    expect(newKey).not.toBe(oldKey);
    await expect(page.getByRole('figure', { name: 'Browser (@amplitude/analytics-browser)' })).toContainText(`amplitude.init('${newKey}'`);
    expect(await sendWithSdk([{ event_type: 'Key Rotated', user_id: `rotate-${run}`, time: time(7_000) }], newKey)).toEqual([200]);
    await screenshot(page, '21-settings-rotated');
    // Later specs send with the configured key.
    const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    await db.query('UPDATE projects SET api_key = $1 WHERE api_key = $2', [oldKey, newKey]);
    await db.end();
  });

  await test.step('sign out: pages need signing in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/settings');
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
    expect((await page.request.get('/api/syncs')).status()).toBe(401);
  });
});

test('sign-in is throttled after repeated wrong passwords', async ({ browser }) => {
  // Its own client address, so the throttled bucket is not the one other tests sign in from.
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.77' } });
  const page = await context.newPage();
  await page.goto('/login');
  const alert = signInAlert(page);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, `wrong-password-${attempt}`);
    await expect(alert).toContainText('Wrong email or password.');
  }
  await signIn(page, 'wrong-password-6');
  await expect(alert).toContainText('Too many sign-in attempts. Try again in');
  // While throttled even the right password is refused.
  await signIn(page);
  await expect(alert).toContainText('Too many sign-in attempts');
  await expect(page).toHaveURL(/\/login$/);
  await screenshot(page, '22-login-throttled');
  await context.close();
});
