import { expect, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * Signs in from the Braze destination page, creates a sync by name and enters its credentials
 * (the fake Braze's endpoint, a key, an app id): the wizard's first steps, as a person does them.
 */
export async function startSyncInWizard(page: Page, sync: { name: string; restApiKey: string; appId: string }): Promise<void> {
  await page.goto('/catalog/destinations/braze');
  await signIn(page);
  await expect(page).toHaveURL(/\/catalog\/destinations\/braze$/);
  await page.getByRole('button', { name: 'Create Sync' }).click();
  await page.getByLabel('Sync name').fill(sync.name);
  await page.getByLabel('Sync name').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: sync.name })).toBeVisible();
  const credentials = page.getByRole('region', { name: 'Enter credentials' });
  await credentials.getByLabel('Braze REST API Endpoint').selectOption(process.env.E2E_BRAZE_URL!);
  await credentials.getByLabel('REST API Key', { exact: true }).fill(sync.restApiKey);
  await credentials.getByLabel('Braze Application API Key').fill(sync.appId);
}
