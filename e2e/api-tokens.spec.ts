import { expect, request as playwrightRequest, test } from '@playwright/test';
import { screenshot } from './support/screenshot';
import { signIn } from './support/sign-in';

test('an API token is created in Settings, shown once, manages syncs over the API, and is refused once revoked', async ({ page }) => {
  const name = `e2e script ${Date.now()}`;
  await page.goto('/settings');
  await signIn(page);
  await expect(page).toHaveURL(/\/settings$/);

  const card = page.getByRole('region', { name: 'API tokens' });
  await card.getByRole('button', { name: 'Create token' }).click();
  await expect(card.getByText('Enter a name for the token')).toBeVisible();
  await card.getByLabel('Token name').fill(name);
  await card.getByRole('button', { name: 'Create token' }).click();
  await expect(card.getByText(`Token "${name}" created`)).toBeVisible();
  await expect(card.getByText('Copy it now: it is not shown again.')).toBeVisible();
  const token = await card.getByLabel('New API token').inputValue();
  expect(token).toMatch(/^bzs_[A-Za-z0-9_-]{43}$/);
  await expect(card.getByRole('row', { name: new RegExp(name) })).toContainText(`bzs_…${token.slice(-4)}`);
  await screenshot(page, 'api-token-created');

  // A client with no cookie at all: only the token speaks for it.
  const api = await playwrightRequest.newContext({ baseURL: process.env.E2E_APP_URL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await api.get('/api/syncs')).status()).toBe(200);
  expect((await api.get('/api/tokens')).status()).toBe(403);

  await page.reload();
  await expect(card.getByRole('row', { name: new RegExp(name) })).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(card.getByLabel('New API token')).toHaveCount(0);

  await card.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('dialog', { name: `Revoke "${name}"?` }).getByRole('button', { name: 'Revoke token' }).click();
  await expect(card.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  expect((await api.get('/api/syncs')).status()).toBe(401);
  await api.dispose();
});
