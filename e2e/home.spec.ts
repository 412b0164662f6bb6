import { expect, test } from '@playwright/test';

test('the home page renders', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Braze Event Streaming' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ingestion endpoints' })).toBeVisible();
  await expect(page.getByText('POST /2/httpapi')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/home.png', fullPage: true });
});
