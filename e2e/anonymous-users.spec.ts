/**
 * Anonymous users, as a person sets them up: the wizard's anonymous-users warning turns on "Send
 * anonymous users", events of a device sent with the official SDK before and after its login end
 * as one profile in the fake Braze, and the sync page counts the merge and shows the identify
 * call in its delivery log.
 */
import { expect, test, type Page } from '@playwright/test';
import { sendWithSdk } from './support/amplitude-sdk';
import { fakeBraze } from './support/fake-braze-client';
import { waitForSettingsInForce } from './support/product-state';
import { screenshot } from './support/screenshot';
import { deleteSyncWithCli } from './support/syncs-cli';
import { startSyncInWizard } from './support/wizard-sync';

const SYNC = 'Braze (anonymous users e2e)';
const APP_ID = 'e2e-anonymous-app';
const KEY = 'e2e-rest-api-key';
const run = Date.now().toString(36);
const device = `anon-device-${run}`;
const user = `anon-user-${run}`;

type Profile = { external_id?: string; user_aliases: { alias_name: string; alias_label: string }[]; custom_events: { name: string; count: number }[] };

/** The fake Braze's profiles of this device or user. */
async function profilesOfRun(): Promise<Profile[]> {
  const res = await fetch(`${process.env.E2E_BRAZE_URL}/_fake/profiles`);
  const all = (await res.json()) as Profile[];
  return all.filter((p) => p.external_id === user || p.user_aliases.some((a) => a.alias_name === device));
}
const eventCount = (p: Profile | undefined) => (p?.custom_events ?? []).reduce((n, e) => n + e.count, 0);

const stat = (page: Page, label: string) => page.getByRole('group', { name: label, exact: true });

let syncId: string | null = null;
test.afterAll(() => {
  if (syncId) deleteSyncWithCli(syncId);
});

test('Send anonymous users on in the wizard: a device before and after login ends as one Braze profile', async ({ page }) => {
  test.setTimeout(240_000);
  await fakeBraze.setKeys([{ key: KEY }]);

  await test.step('the wizard: credentials, Send anonymous users in the anonymous-users warning, Enabled, Save', async () => {
    await startSyncInWizard(page, { name: SYNC, restApiKey: KEY, appId: APP_ID });

    const events = page.getByRole('region', { name: 'Configure event forwarding' });
    await expect(events.getByText('Events for anonymous users cannot be streamed')).toBeVisible();
    const send = events.getByRole('checkbox', { name: 'Send anonymous users' });
    await expect(send).not.toBeChecked();
    await events.getByText('Events for anonymous users cannot be streamed').scrollIntoViewIfNeeded();
    await screenshot(page, 'anonymous-00-warning');
    await send.check();
    await expect(events.getByText('Anonymous users are sent as alias profiles')).toBeVisible();
    await expect(events.getByText(/merged into that user \(\/users\/identify\)/)).toBeVisible();
    await expect(events.getByRole('checkbox', { name: 'Send anonymous users' })).toBeChecked();
    await expect(events.getByLabel('Alias label')).toHaveValue('amplitude_device_id');
    await events.getByText('Anonymous users are sent as alias profiles').scrollIntoViewIfNeeded();
    await screenshot(page, 'anonymous-01-wizard');

    const status = page.getByRole('switch', { name: 'Status', exact: true });
    await status.click();
    await expect(status).toBeChecked();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Sync saved.' })).toBeVisible();
    await expect(page).toHaveURL(/\/syncs\/[a-z0-9]+(\?saved=1)?$/);
    syncId = new URL(page.url()).pathname.split('/').at(-1)!;
    const saved = (await (await page.request.get(`/api/syncs/${syncId}`)).json()) as { sendAnonymousUsers: boolean; anonymousAliasLabel: string };
    expect(saved).toMatchObject({ sendAnonymousUsers: true, anonymousAliasLabel: 'amplitude_device_id' });
  });

  await test.step('the SDK: a device browses anonymously, then logs in; Braze holds one profile with every event', async () => {
    await waitForSettingsInForce(page, [syncId!]);
    const time = Date.now() - 10_000;
    const anonymous = [
      { event_type: 'Viewed Pricing', device_id: device, time },
      { event_type: 'Viewed Signup', device_id: device, time: time + 1_000 },
    ];
    expect(await sendWithSdk(anonymous)).toEqual([200, 200]);
    await expect.poll(async () => eventCount((await profilesOfRun())[0]), { timeout: 30_000 }).toBe(2);
    expect((await profilesOfRun())[0]).not.toHaveProperty('external_id');

    const known = [
      { event_type: 'Signed Up', device_id: device, user_id: user, time: time + 2_000 },
      { event_type: 'Started Trial', device_id: device, user_id: user, time: time + 3_000 },
    ];
    expect(await sendWithSdk(known)).toEqual([200, 200]);
    await expect.poll(async () => eventCount((await profilesOfRun()).find((p) => p.external_id === user)), { timeout: 30_000 }).toBe(4);
    const profiles = await profilesOfRun();
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({ external_id: user, user_aliases: [{ alias_name: device, alias_label: 'amplitude_device_id' }] });
    const identify = (await fakeBraze.requests()).filter((r) => r.path === '/users/identify' && r.apiKey === KEY);
    expect(identify.map((r) => r.status)).toEqual([201]);
  });

  await test.step('the sync page counts the identified alias and its delivery log shows the identify call', async () => {
    await page.goto(`/dashboard/syncs/${syncId}`);
    await expect(stat(page, 'Identified aliases').getByText('1', { exact: true })).toBeVisible({ timeout: 30_000 });
    const failures = page.getByRole('region', { name: 'Failures and delivery log' });
    await failures.getByRole('tab', { name: 'Delivery log' }).click();
    const identify = failures.getByRole('list', { name: 'Braze requests' }).locator(':scope > li').filter({ hasText: '/users/identify' });
    await expect(identify).toHaveCount(1);
    await identify.locator('summary').click();
    await expect(identify.getByLabel('Sent to Braze: /users/identify')).toContainText(`"external_id": "${user}"`);
    await expect(identify.getByLabel('Sent to Braze: /users/identify')).toContainText(`"alias_name": "${device}"`);
    await expect(identify).toContainText('201 {"aliases_processed":1,"message":"success"}');
    await screenshot(page, 'anonymous-02-sync-page');
  });
});
