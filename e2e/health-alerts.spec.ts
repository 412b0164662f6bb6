/**
 * Health alerts as a person sets them up: a webhook in Settings, a test alert that arrives, then
 * a Braze outage that makes a sync fail. The sync list says so, and the webhook gets the alert.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { sendWithSdk } from './support/amplitude-sdk';
import { fakeBrazeAdmin } from './support/fake-braze-admin';
import { screenshot } from './support/screenshot';
import { signIn } from './support/sign-in';
import { deleteSyncWithCli } from './support/syncs-cli';

const SYNC = 'Braze (health e2e)';
const received: { text: string; event: string; state?: string; sync?: { name: string } }[] = [];
let receiver: http.Server;
let hookUrl = '';
let syncId = '';

test.beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as (typeof received)[number]);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/T0/B0/e2e-secret`;
});

test.afterAll(async () => {
  await fetch(`${process.env.E2E_BRAZE_URL}/_fake/reset`, { method: 'POST' });
  if (syncId) deleteSyncWithCli(syncId);
  await new Promise((resolve) => receiver.close(resolve));
});

test('a failing sync is shown in the sync list and announced to the webhook set in Settings', async ({ page }) => {
  test.setTimeout(180_000);

  await test.step('Settings: save a webhook and send a test alert', async () => {
    await page.goto('/settings');
    await signIn(page);
    const card = page.getByRole('region', { name: 'Health alerts' });
    await card.getByLabel('Webhook URL').fill('http://hooks.example.com/x');
    await card.getByRole('button', { name: 'Save alert settings' }).click();
    await expect(card.getByText(/plain http is allowed only to hosts in ALERT_WEBHOOK_ALLOW_HTTP/)).toBeVisible();
    await card.getByLabel('Webhook URL').fill(hookUrl);
    await card.getByRole('button', { name: 'Save alert settings' }).click();
    await expect(card.getByText('Alert settings saved.')).toBeVisible();
    await expect(card.getByText(/Stored encrypted \(http:\/\/127\.0\.0\.1:\d+\/…cret\)/)).toBeVisible();
    await card.getByRole('button', { name: 'Send test alert' }).click();
    await expect(card.getByText('Webhook: test alert delivered.')).toBeVisible();
    expect(received.map((r) => r.event)).toEqual(['test']);
    await screenshot(page, 'alerts-settings');
  });

  await test.step('Braze fails every request: the sync list shows the sync failing, and one alert arrives', async () => {
    const res = await page.request.post('/api/syncs', {
      data: { name: SYNC, enabled: true, brazeEndpoint: process.env.E2E_BRAZE_URL, restApiKey: 'e2e-rest-api-key', appId: 'e2e-health-app' },
    });
    expect(res.status(), await res.text()).toBe(201);
    syncId = ((await res.json()) as { id: string }).id;
    await fakeBrazeAdmin.injectFaults([{ status: 503, count: 100_000 }]);
    expect(await sendWithSdk([{ event_type: 'Health check', user_id: 'health-user-1' }])).toEqual([200]);

    await page.goto('/catalog/destinations/braze');
    const row = page.getByRole('row').filter({ hasText: SYNC });
    await expect(row.getByText('Health: Failing', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(row.getByText(/Nothing was delivered in the last 60 s/)).toBeVisible();
    await expect.poll(() => received.filter((r) => r.event === 'sync_health_changed' && r.sync?.name === SYNC).map((r) => r.state), { timeout: 30_000 }).toEqual(['failing']);
    await page.mouse.move(0, 0);
    await screenshot(page, 'alerts-sync-list-failing');
  });

  await test.step('the sync page says it too', async () => {
    await page.goto(`/dashboard/syncs/${syncId}`);
    await expect(page.getByText('Health: Failing', { exact: true })).toBeVisible();
    await expect(page.getByText(/^Failing since/)).toBeVisible();
    await screenshot(page, 'alerts-sync-page-failing');
  });

  await test.step('Settings: remove the webhook (later tests send nothing to this receiver)', async () => {
    await page.goto('/settings');
    const card = page.getByRole('region', { name: 'Health alerts' });
    await card.getByLabel('Remove the stored webhook').check();
    await card.getByRole('button', { name: 'Save alert settings' }).click();
    await expect(card.getByText('Alert settings saved.')).toBeVisible();
    await expect(card.getByText(/^A Slack incoming webhook/)).toBeVisible();
    await card.getByRole('button', { name: 'Send test alert' }).click();
    await expect(card.getByText('Enter a webhook URL or turn on email alerts first')).toBeVisible();
  });
});
