/**
 * Import history, as a person uses it: on a sync's page, an import from the (fake) Export API
 * with a time range, credentials and a small rate share; progress while it runs, pause and
 * resume, and the user updates at the fake Braze once it completes.
 */
import { expect, test } from '@playwright/test';
import { startFakeAmplitudeExport, type FakeAmplitudeExport } from '../test/fakes/amplitude-export';
import { fakeBraze } from './support/fake-braze-client';
import { screenshot } from './support/screenshot';
import { signIn } from './support/sign-in';
import { createSyncWithCli, deleteSyncWithCli } from './support/syncs-cli';

const DATA = { projectId: 5, firstHour: new Date(Date.UTC(2026, 3, 1)), hours: 6, eventsPerHour: 1_000, users: 1_000, noteBytes: 50 };
const SYNC = 'Braze (import e2e)';

let exportApi: FakeAmplitudeExport;
let syncId: string | null = null;
test.beforeAll(async () => {
  exportApi = await startFakeAmplitudeExport({ data: DATA, port: Number(new URL(process.env.E2E_AMPLITUDE_EXPORT_URL!).port) });
});
test.afterAll(async () => {
  if (syncId) deleteSyncWithCli(syncId);
  await exportApi?.close();
});

test('an import from the Export API shows its progress, pauses, resumes and completes', async ({ page }) => {
  test.setTimeout(240_000);
  await fakeBraze.setKeys([{ key: 'e2e-rest-api-key' }]);
  syncId = createSyncWithCli(SYNC, 'e2e-import-app', ['--send-users', '--user-property', 'plan', '--user-property', 'level']);

  await page.goto(`/syncs/${syncId}`);
  await signIn(page);
  const panel = page.getByRole('region', { name: 'Import history' });
  await expect(panel).toBeVisible();

  await test.step('the form: range, region, credentials, attributes only, a small share', async () => {
    await panel.getByLabel('First hour (UTC)').fill('2026-04-01T00:00');
    await panel.getByLabel('Last hour (UTC)').fill('2026-04-01T05:00');
    await panel.getByLabel('Amplitude data region').selectOption(process.env.E2E_AMPLITUDE_EXPORT_URL!);
    await panel.getByLabel('Amplitude API key').fill(exportApi.apiKey);
    await panel.getByLabel('Amplitude secret key').fill(exportApi.secretKey);
    await expect(panel.getByRole('switch', { name: 'Attributes only' })).toBeChecked();
    await expect(panel.getByText('old events do not trigger Braze campaigns')).toBeVisible();
    await panel.getByLabel('Share of the Braze rate limit (%)').fill('1');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-history-01-form');
    await panel.screenshot({ path: 'e2e/screenshots/import-history-01-form-panel.png' });
    await panel.getByRole('button', { name: 'Start import' }).click();
  });

  await test.step('progress while it runs, then pause and resume', async () => {
    await expect(panel.getByTestId('import-status')).toHaveText('Running');
    await expect(panel.getByText(/% of the export read/)).toBeVisible({ timeout: 60_000 });
    await panel.getByRole('button', { name: 'Pause' }).click();
    await expect(panel.getByTestId('import-status')).toHaveText('Paused');
    await screenshot(page, 'import-history-02-paused');
    await panel.screenshot({ path: 'e2e/screenshots/import-history-02-paused-panel.png' });
    await panel.getByRole('button', { name: 'Resume' }).click();
    await expect(panel.getByTestId('import-status')).toHaveText(/Running|Completed/);
  });

  await test.step('completed: every user update at the fake Braze', async () => {
    await expect(panel.getByTestId('import-status')).toHaveText('Completed', { timeout: 180_000 });
    await expect(panel.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('aria-valuenow', '100');
    await expect(panel.getByText('Events read').locator('..')).toContainText('6,000');
    await expect(panel.getByText('Sent to Braze').locator('..')).toContainText('6,000');
    const updates = (await fakeBraze.attributes()).filter((a) => String(a.object.external_id).startsWith('user-') && a.object.level !== undefined);
    expect(updates.length).toBeGreaterThanOrEqual(6_000);
    await screenshot(page, 'import-history-03-completed');
    await panel.screenshot({ path: 'e2e/screenshots/import-history-03-completed-panel.png' });
  });
});
