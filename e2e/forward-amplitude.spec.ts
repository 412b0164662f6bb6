/**
 * Forward to Amplitude as a person turns it on: Settings → Forward to Amplitude on, region the
 * fake Amplitude (allowed by AMPLITUDE_CUSTOM_ENDPOINTS), ingestion key by default. An event from
 * the official SDK then reaches both the fake Braze (through a sync) and the fake Amplitude
 * (unchanged, same insert_id), and the Delivery page shows what was forwarded.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { sendWithSdk } from './support/amplitude-sdk';
import { fakeBraze } from './support/fake-braze-client';
import { screenshot } from './support/screenshot';
import { signIn } from './support/sign-in';
import { createSyncWithCli, deleteSyncWithCli } from './support/syncs-cli';

interface ForwardedEvent {
  apiKey: string;
  path: string;
  event: Record<string, unknown>;
}

const amplitudeEvents = async (): Promise<ForwardedEvent[]> => (await (await fetch(`${process.env.E2E_AMPLITUDE_URL}/_fake/events`)).json()) as ForwardedEvent[];

let syncId = '';
test.beforeAll(async () => {
  await fakeBraze.reset();
  await fetch(`${process.env.E2E_AMPLITUDE_URL}/_fake/reset`, { method: 'POST' });
  syncId = createSyncWithCli('Braze (forwarding e2e)', 'e2e-app-id');
});
// Other specs count what reaches Braze: leave no sync behind.
test.afterAll(() => deleteSyncWithCli(syncId));

test('Settings → Forward to Amplitude on: an event from the official SDK reaches both fakes', async ({ page }) => {
  test.setTimeout(180_000);
  const region = `Custom: ${process.env.E2E_AMPLITUDE_URL}`;

  await test.step('Settings: turn forwarding on to the fake Amplitude with the ingestion key', async () => {
    await page.goto('/settings');
    await signIn(page);
    const card = page.getByRole('form', { name: 'Forward to Amplitude' });
    await expect(card.getByRole('switch', { name: 'Forward to Amplitude' })).not.toBeChecked();
    await card.getByRole('switch', { name: 'Forward to Amplitude' }).check();
    await card.getByLabel('Amplitude region').selectOption({ label: region });
    await expect(card.getByLabel(/Amplitude API key/)).toHaveValue('');
    await card.getByRole('button', { name: 'Save forwarding' }).click();
    await expect(card.getByText('Forwarding to Amplitude is on.')).toBeVisible();
    await page.getByRole('heading', { name: 'Forward to Amplitude' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/screenshots/forward-amplitude-settings.png' });
  });

  await test.step('The official SDK sends an event: it reaches Braze and, unchanged, Amplitude', async () => {
    // Ingestion picks up Settings within a second or two: probe until a probe is forwarded.
    await expect
      .poll(
        async () => {
          await sendWithSdk([{ event_type: 'Forwarding Probe', user_id: 'forward-probe-user' }]);
          return (await amplitudeEvents()).some((e) => e.event.event_type === 'Forwarding Probe');
        },
        { timeout: 30_000, intervals: [1_000] },
      )
      .toBe(true);
    const insertId = randomUUID();
    const codes = await sendWithSdk([{ event_type: 'Plan Upgraded', user_id: 'forward-user-001', insert_id: insertId, event_properties: { plan: 'pro' } }]);
    expect(codes).toEqual([200]);
    await expect.poll(async () => (await amplitudeEvents()).filter((e) => e.event.insert_id === insertId).length, { timeout: 30_000 }).toBe(1);
    const [forwarded] = (await amplitudeEvents()).filter((e) => e.event.insert_id === insertId);
    expect(forwarded).toMatchObject({
      apiKey: process.env.E2E_PROJECT_API_KEY,
      path: '/2/httpapi',
      event: { event_type: 'Plan Upgraded', user_id: 'forward-user-001', insert_id: insertId, event_properties: { plan: 'pro' }, library: expect.stringContaining('amplitude-node') },
    });
    expect(['127.0.0.1', '::1']).toContain(forwarded!.event.ip);
    await expect
      .poll(async () => (await fakeBraze.events()).some((e) => e.object.name === 'Plan Upgraded' && e.object.external_id === 'forward-user-001'), { timeout: 30_000 })
      .toBe(true);
  });

  await test.step('Delivery page: the Forward to Amplitude row counts what was forwarded', async () => {
    await page.goto('/dashboard');
    const section = page.getByRole('region', { name: 'Forward to Amplitude' });
    await expect(section.getByRole('rowheader', { name: /Amplitude\s+On/ })).toBeVisible();
    await expect.poll(async () => Number((await section.getByRole('cell').first().textContent())?.replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'forward-amplitude-dashboard');
  });

  await test.step('Settings: turn forwarding off again', async () => {
    await page.goto('/settings');
    const card = page.getByRole('form', { name: 'Forward to Amplitude' });
    await card.getByRole('switch', { name: 'Forward to Amplitude' }).uncheck();
    await card.getByRole('button', { name: 'Save forwarding' }).click();
    await expect(card.getByText('Forwarding to Amplitude is off.')).toBeVisible();
  });
});
