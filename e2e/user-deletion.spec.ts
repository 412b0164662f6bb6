/**
 * A user is deleted from Settings: the deletion reaches the fake Braze (/users/delete, profile
 * gone), its steps show as done, later events of the user are refused and counted, the sync page
 * counts the deletion, and the User Privacy API takes a deletion with the secret key made in
 * Settings.
 */
import { expect, test } from '@playwright/test';
import { fakeBraze } from './support/fake-braze-client';
import { screenshot } from './support/screenshot';
import { signIn } from './support/sign-in';
import { createSyncWithCli, deleteSyncWithCli } from './support/syncs-cli';

let syncId: string;
const run = Date.now().toString(36);
const deleted = `e2e-deleted-${run}`;
const byApi = `e2e-api-deleted-${run}`;

test.beforeAll(() => {
  syncId = createSyncWithCli('Braze (deletion e2e)', 'e2e-deletion-app');
});

test.afterAll(() => {
  deleteSyncWithCli(syncId);
});

async function sendEvent(userId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${process.env.E2E_APP_URL}/2/httpapi`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ api_key: process.env.E2E_PROJECT_API_KEY, events: [{ user_id: userId, event_type: 'Opened App', insert_id: `${userId}-${Math.random()}` }] }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function brazeProfileIds(): Promise<string[]> {
  const res = await fetch(`${process.env.E2E_BRAZE_URL}/_fake/profiles`);
  return ((await res.json()) as { external_id?: string }[]).flatMap((p) => (p.external_id ? [p.external_id] : []));
}

test('a user deleted in Settings is deleted in Braze and refused afterwards', async ({ page }) => {
  expect((await sendEvent(deleted)).status).toBe(200);
  await expect.poll(brazeProfileIds, { timeout: 30_000 }).toContain(deleted);

  await page.goto('/settings');
  await signIn(page);
  const card = page.getByRole('region', { name: 'Delete a user' });
  await card.getByRole('button', { name: 'Delete user' }).click();
  await expect(card.getByText('Enter at least one user ID')).toBeVisible();
  await card.getByLabel('User IDs').fill(deleted);
  await card.getByRole('button', { name: 'Delete user' }).click();
  await page.getByRole('dialog', { name: 'Delete this user everywhere?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(card.getByText('Deletion recorded.')).toBeVisible();

  const request = card.getByRole('listitem', { name: `Deletion of ${deleted}` });
  await expect(request.getByText('Braze /users/delete — Braze (deletion e2e)')).toBeVisible();
  await expect(request.getByText('Done', { exact: true }).first()).toBeVisible();
  await expect(request.getByText('Braze queued 1 of 1 user(s) for deletion in 1 request(s).')).toBeVisible({ timeout: 30_000 });
  await expect(request.getByText('In progress')).toHaveCount(0);
  expect(await brazeProfileIds()).not.toContain(deleted);
  const deletes = (await fakeBraze.requests()).filter((r) => r.path === '/users/delete');
  expect(deletes.map((r) => r.status)).toContain(202);

  const refusedAnswer = await sendEvent(deleted);
  expect(refusedAnswer).toMatchObject({ status: 400, body: { silenced_events: [0], silenced_users: [deleted] } });
  await page.reload();
  const refused = page.getByRole('list', { name: 'Users whose events are refused' });
  await expect(refused.getByRole('listitem').filter({ hasText: deleted })).toContainText('1 event refused');
  await screenshot(page, 'user-deletion-settings');

  // The User Privacy API with a secret key made here (shown once).
  const api = page.getByRole('region', { name: 'User Privacy API' });
  await api.getByRole('button', { name: /secret key/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Make a new secret key?' });
  if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Make new key' }).click();
  const secret = await api.getByRole('textbox', { name: 'New secret key' }).inputValue();
  expect(secret).toMatch(/^[0-9a-f]{48}$/);
  await screenshot(page, 'user-deletion-secret-key');
  const auth = `Basic ${Buffer.from(`${process.env.E2E_PROJECT_API_KEY}:${secret}`).toString('base64')}`;
  const res = await fetch(`${process.env.E2E_APP_URL}/api/2/deletions/users`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user_ids: [byApi], requester: 'dpo@example.com' }),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'staging', user_ids: [{ user_id: byApi, requester: 'dpo@example.com' }] });
  await page.reload();
  await expect(card.getByRole('listitem', { name: `Deletion of ${byApi}` })).toContainText('User Privacy API');

  await page.goto(`/dashboard/syncs/${syncId}`);
  const forwarded = page.getByRole('group', { name: 'Deletions forwarded' });
  // Both deletions (Settings, then the API) were forwarded to this sync; the one user who had a
  // profile was deleted by it, unless another sync of the same workspace got there first.
  await expect(forwarded.getByText('2', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(forwarded).toContainText(/[01] profiles? deleted in Braze/);
  await screenshot(page, 'user-deletion-sync-page');
});
