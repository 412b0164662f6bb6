/**
 * A dry run, as a person uses it: the wizard's "Start as dry run", events from the official SDK,
 * the sync page's estimate of what Braze would have received, nothing at the fake Braze, and
 * switching to Enabled showing the estimate once more before the sync sends.
 */
import { expect, test } from '@playwright/test';
import { sendWithSdk } from './support/amplitude-sdk';
import { fakeBraze } from './support/fake-braze-client';
import { waitForSettingsInForce } from './support/product-state';
import { screenshot } from './support/screenshot';
import { signIn } from './support/sign-in';
import { deleteSyncWithCli } from './support/syncs-cli';

const SYNC = 'Braze (dry run e2e)';
const APP_ID = 'e2e-dry-run-app';
const KEY = 'e2e-rest-api-key';
const run = Date.now().toString(36);
const users = [`dry-${run}-a`, `dry-${run}-b`];

/** What the fake Braze accepted from this sync: its events carry its app_id; its attributes name its users. */
async function received() {
  const events = (await fakeBraze.events()).filter((e) => e.object.app_id === APP_ID);
  const attributes = (await fakeBraze.attributes()).filter((a) => users.includes(String(a.object.external_id)));
  return { events: events.length, attributes: attributes.length };
}

let syncId: string | null = null;
test.afterAll(() => {
  if (syncId) deleteSyncWithCli(syncId);
});

test('a sync started as a dry run shows what it would send, sends nothing, and shows the estimate again when enabled', async ({ page }) => {
  test.setTimeout(240_000);
  await fakeBraze.setKeys([{ key: KEY }]);

  await test.step('the wizard: credentials, Send Users with one property, Start as dry run, Save', async () => {
    await page.goto('/catalog/destinations/braze');
    await signIn(page);
    await expect(page).toHaveURL(/\/catalog\/destinations\/braze$/);
    await page.getByRole('button', { name: 'Create Sync' }).click();
    await page.getByLabel('Sync name').fill(SYNC);
    await page.getByLabel('Sync name').press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: SYNC })).toBeVisible();
    const credentials = page.getByRole('region', { name: 'Enter credentials' });
    await credentials.getByLabel('Braze REST API Endpoint').selectOption(process.env.E2E_BRAZE_URL!);
    await credentials.getByLabel('REST API Key', { exact: true }).fill(KEY);
    await credentials.getByLabel('Braze Application API Key').fill(APP_ID);
    const userForwarding = page.getByRole('region', { name: 'Configure user forwarding' });
    await userForwarding.getByRole('switch', { name: 'Send Users' }).check();
    await userForwarding.getByLabel('User properties', { exact: true }).fill('plan');
    await userForwarding.getByLabel('User properties', { exact: true }).press('Enter');

    const status = page.getByRole('switch', { name: 'Status', exact: true });
    await page.getByRole('checkbox', { name: 'Start as dry run' }).check();
    await expect(status).not.toBeChecked();
    await screenshot(page, 'dry-run-01-wizard');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page).toHaveURL(/\/syncs\/[^/?]+\?saved=1/);
    syncId = new URL(page.url()).pathname.split('/').at(-1)!;
    await expect(page.getByRole('region', { name: 'Dry run estimate' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Dry run' })).toBeChecked();
  });

  await test.step('events from the official SDK are measured, and nothing reaches Braze', async () => {
    await fakeBraze.reset();
    await waitForSettingsInForce(page, [syncId!]);
    const time = Date.now();
    const events = Array.from({ length: 12 }, (_, i) => ({
      event_type: i % 3 ? 'Viewed Page' : 'Started Trial',
      user_id: users[i % 2]!,
      time: time + i,
      ...(i < 2 ? { user_properties: { $set: { plan: i ? 'team' : 'pro' } } } : {}),
    }));
    expect(await sendWithSdk(events)).toEqual(events.map(() => 200));

    await expect
      .poll(async () => {
        const res = await page.request.get(`/api/syncs/${syncId}/dry-run`);
        const estimate = (await res.json()) as { totals: { events: number; attributeUpdates: number; dataPoints: number } };
        return estimate.totals;
      }, { timeout: 30_000 })
      .toMatchObject({ events: 12, attributeUpdates: 2, dataPoints: 14 });
    expect(await received()).toEqual({ events: 0, attributes: 0 });
    expect((await fakeBraze.requests()).filter((r) => r.path === '/users/track')).toEqual([]);

    const estimate = page.getByRole('region', { name: 'Dry run estimate' });
    const hours = estimate.getByRole('table', { name: 'Measured hours' });
    await expect(hours.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('12', { timeout: 15_000 });
    await expect(estimate.getByRole('group', { name: 'Data points' })).toContainText('a month');
    await expect(estimate.getByRole('group', { name: 'Requests per hour' })).toContainText('of the rate limit');
    await expect(estimate.getByLabel('Sample request 1')).toContainText(`"app_id": "${APP_ID}"`);
    await expect(estimate.getByLabel('Sample request 1')).not.toContainText(KEY);
    await screenshot(page, 'dry-run-02-estimate');
  });

  await test.step('the sync list shows the dry run; its switch asks before enabling', async () => {
    await page.goto('/catalog/destinations/braze');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: SYNC, exact: true }) });
    await expect(row.getByText('Dry run', { exact: true })).toBeVisible();
    await screenshot(page, 'dry-run-03-sync-list');
    await row.getByRole('switch', { name: `Status of ${SYNC}` }).click();
    const dialog = page.getByRole('dialog', { name: `Enable ${SYNC}?` });
    await expect(dialog.getByRole('group', { name: 'Events per hour' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByRole('switch', { name: `Status of ${SYNC}` })).not.toBeChecked();
    await page.goto(`/syncs/${syncId}`);
  });

  await test.step('switching to Enabled shows the estimate once more; confirmed and saved, the sync sends', async () => {
    await page.getByRole('switch', { name: 'Status', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Enable ${SYNC}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('group', { name: 'Events per hour' })).toBeVisible();
    await expect(dialog.getByRole('group', { name: 'Data points' })).toContainText('a month');
    await page.screenshot({ path: 'e2e/screenshots/dry-run-04-enable-confirm.png' });
    await dialog.getByRole('button', { name: 'Enable and send to Braze' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('switch', { name: 'Status', exact: true })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Dry run' })).not.toBeChecked();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Sync saved.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Dry run estimate' })).toHaveCount(0);

    await waitForSettingsInForce(page, [syncId!]);
    expect(await sendWithSdk([{ event_type: 'Started Trial', user_id: users[0]!, time: Date.now(), user_properties: { $set: { plan: 'pro' } } }])).toEqual([200]);
    // The plan its dry run only measured is sent now: the dry run left the sync's cache of sent values alone.
    await expect.poll(received, { timeout: 30_000 }).toEqual({ events: 1, attributes: 1 });
  });
});
