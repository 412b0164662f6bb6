/**
 * Save tests the connection: a sync saved with a key Braze refuses is saved all the same, and the
 * form says why it will not send; saved again with a working key, the warning is gone.
 */
import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';
import { deleteSyncWithCli } from './support/syncs-cli';

const SYNC = `Braze (save check ${Date.now().toString(36)})`;
let syncId: string | undefined;

// Later specs start with only their own syncs (a deletion, say, is forwarded to every sync).
test.afterAll(() => {
  if (syncId) deleteSyncWithCli(syncId);
});

test('Save with a key Braze refuses warns after saving; a working key saves cleanly', async ({ page }) => {
  await page.goto(`/syncs/new?name=${encodeURIComponent(SYNC)}`);
  await signIn(page);
  await expect(page.getByRole('heading', { level: 1, name: SYNC })).toBeVisible();

  const credentials = page.getByRole('region', { name: 'Enter credentials' });
  await credentials.getByLabel('Braze REST API Endpoint').selectOption(process.env.E2E_BRAZE_URL!);
  await credentials.getByLabel('REST API Key', { exact: true }).fill('e2e-refused-key');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const warning = page.getByRole('status').filter({ hasText: 'Sync saved, but the connection test failed' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Braze did not accept this REST API Key');
  await expect(page).toHaveURL(/\/syncs\/[a-z0-9]+\?saved=1&check=invalid_key_or_cluster$/);
  syncId = new URL(page.url()).pathname.split('/').at(-1);
  await expect(page.getByRole('status').filter({ hasText: /^Sync saved\.$/ })).toHaveCount(0);

  await credentials.getByLabel('REST API Key', { exact: true }).fill('e2e-rest-api-key');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sync saved.' })).toBeVisible();
  await expect(page.getByText('Sync saved, but the connection test failed')).toHaveCount(0);
});
