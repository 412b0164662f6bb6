/**
 * The object limit is chosen in the credentials step, and the attribute type guard says which
 * mode it is in: a person sets up a sync with 50 objects per request, an email subscription and
 * a number attribute; the official SDK's identify reaches the fake Braze converted and with its
 * subscription state; the page then says the guard uses the workspace's declared types, and,
 * with a key that may not read them, the first type sent, holding back a value of another type.
 */
import { createInstance, Identify } from '@amplitude/analytics-node';
import { expect, test, type Page } from '@playwright/test';
import { fakeBraze } from './support/fake-braze-client';
import { waitForSettingsInForce } from './support/product-state';
import { screenshot } from './support/screenshot';
import { signIn } from './support/sign-in';
import { deleteSyncWithCli } from './support/syncs-cli';

const run = Date.now().toString(36);
const SYNC = `Braze (attribute guard ${run})`;
/** The key every other spec uses; this spec's workspaces have keys of their own, so the declared
 * types it sets are read fresh, not from a list another spec's first user update cached. */
const SHARED_KEY = 'e2e-rest-api-key';
const KEY = `e2e-guard-key-${run}`;
const NO_EXPORT_KEY = `e2e-guard-no-export-key-${run}`;

async function declareAttributes(attributes: { name: string; data_type: string }[]) {
  const res = await fetch(`${process.env.E2E_BRAZE_URL}/_fake/custom-attributes`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(attributes),
  });
  expect(res.status).toBe(200);
}

async function identify(userId: string, set: Record<string, string | number | boolean>) {
  const client = createInstance();
  await client.init(process.env.E2E_PROJECT_API_KEY!, { serverUrl: `${process.env.E2E_APP_URL}/2/httpapi`, flushIntervalMillis: 60_000, logLevel: 0 }).promise;
  const change = new Identify();
  for (const [key, value] of Object.entries(set)) change.set(key, value);
  const sent = client.identify(change, { user_id: userId }).promise;
  await client.flush().promise;
  expect((await sent).code).toBe(200);
}

async function attributesOf(userId: string) {
  return (await fakeBraze.attributes()).filter((a) => a.object.external_id === userId).map((a) => a.object);
}

async function save(page: Page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sync saved.' })).toBeVisible();
}

let syncId = '';

test.afterAll(async () => {
  if (syncId) deleteSyncWithCli(syncId);
  await fakeBraze.setKeys([{ key: SHARED_KEY }]);
  await declareAttributes([]);
});

test('objects per request in the credentials step; the attribute type guard says its mode', async ({ page }) => {
  await fakeBraze.setKeys([{ key: SHARED_KEY }, { key: KEY }, { key: NO_EXPORT_KEY, permissions: ['users.track'] }]);
  await declareAttributes([{ name: 'guard_age', data_type: 'Number' }]);
  const user = `guard-user-${run}`;
  await page.goto(`/syncs/new?name=${encodeURIComponent(SYNC)}`);
  await signIn(page);
  const credentials = page.getByRole('region', { name: 'Enter credentials' });

  await test.step('credentials: endpoint, key, and 50 objects per request with its explanation', async () => {
    await credentials.getByLabel('Braze REST API Endpoint').selectOption(process.env.E2E_BRAZE_URL!);
    await credentials.getByLabel('REST API Key', { exact: true }).fill(KEY);
    const limits = credentials.getByRole('group', { name: 'Objects per request' });
    await expect(limits.getByLabel('75 objects combined')).toBeChecked();
    await expect(limits.getByLabel('75 objects combined')).toHaveAccessibleDescription(/current default: up to 75 attributes, events and purchases together/);
    await expect(limits.getByLabel('75 per array (legacy limits)')).toHaveAccessibleDescription(/legacy rate limits/);
    const mau = limits.getByLabel('50 objects combined (MAU contracts)');
    await expect(mau).toHaveAccessibleDescription(/Monthly Active User contracts/);
    await mau.check();
    await expect(credentials.getByText('Attribute type guard', { exact: true })).toBeVisible();
    await expect(credentials).toContainText("Decided at this sync's first user update");
    await credentials.scrollIntoViewIfNeeded();
    await screenshot(page, 'guard-01-credentials-new-sync');
  });

  await test.step('user forwarding: a number attribute and an email subscription', async () => {
    const users = page.getByRole('region', { name: 'Configure user forwarding' });
    await users.getByRole('switch', { name: 'Send Users' }).check();
    await users.getByLabel('User properties', { exact: true }).fill('guard_age');
    await users.getByLabel('User properties', { exact: true }).press('Enter');
    await users.getByLabel('Email subscription (email_subscribe)').fill('guard_newsletter');
    await users.scrollIntoViewIfNeeded();
    await screenshot(page, 'guard-02-user-forwarding-subscriptions');
    await page.getByRole('switch', { name: 'Status', exact: true }).check();
    await save(page);
  });
  syncId = new URL(page.url()).pathname.split('/').at(-1)!;

  await test.step("the SDK's identify reaches Braze converted, with its subscription state", async () => {
    await waitForSettingsInForce(page, [syncId]);
    await identify(user, { guard_age: '42', guard_newsletter: true });
    await expect.poll(() => attributesOf(user), { timeout: 30_000 }).toEqual([{ external_id: user, guard_age: 42, email_subscribe: 'opted_in' }]);
  });

  await test.step('the credentials step says the declared types are used, and keeps 50 per request', async () => {
    await page.reload();
    await expect(credentials.getByText('Attribute type guard: declared types')).toBeVisible();
    await expect(credentials.getByLabel('50 objects combined (MAU contracts)')).toBeChecked();
    await credentials.scrollIntoViewIfNeeded();
    await screenshot(page, 'guard-03-credentials-declared-types');
  });

  await test.step('with a key that may not read the declared types: first type sent, a value of another type held back', async () => {
    await credentials.getByLabel('REST API Key', { exact: true }).fill(NO_EXPORT_KEY);
    await save(page);
    await waitForSettingsInForce(page, [syncId]);
    await identify(user, { guard_age: 43 });
    await expect.poll(() => attributesOf(user), { timeout: 30_000 }).toHaveLength(2);
    await identify(user, { guard_age: 'old', guard_newsletter: 'no' });
    const heldBack = async () => {
      const res = await page.request.get(`/api/syncs/${syncId}/dead-letters`);
      return ((await res.json()) as { rows: { error: string }[] }).rows.map((r) => r.error).sort();
    };
    await expect.poll(heldBack, { timeout: 30_000 }).toEqual([
      expect.stringMatching(/^Held back from Braze: "guard_age" was first sent to Braze as Number/),
      expect.stringMatching(/^Held back from Braze: Braze accepts only opted_in, subscribed or unsubscribed .* not "no"/),
    ]);
    expect(await attributesOf(user)).toHaveLength(2);
    await page.goto(`/dashboard/syncs/${syncId}`);
    await expect(page.getByText('Attribute type guard: first type sent')).toBeVisible();
    await page.getByRole('tab', { name: 'Failed objects' }).click();
    await expect(page.getByText(/Held back from Braze: "guard_age" was first sent to Braze as Number/).first()).toBeVisible();
    await screenshot(page, 'guard-04-sync-page-first-type');
  });
});
