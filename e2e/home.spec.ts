import { expect, test } from '@playwright/test';
import { screenshot } from './support/screenshot';
import { signIn } from './support/sign-in';

test('the home page asks to sign in, then shows the catalog', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await signIn(page);
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Destinations' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/catalog$/);
  await screenshot(page, 'home');
});
