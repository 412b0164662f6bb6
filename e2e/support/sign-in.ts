import type { Page } from '@playwright/test';

export const admin = {
  email: process.env.E2E_ADMIN_EMAIL!,
  password: process.env.E2E_ADMIN_PASSWORD!,
};

/** Fills and submits the login form of the page as it is (the caller checks where it lands). */
export async function signIn(page: Page, password = admin.password): Promise<void> {
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The login form's message (wrong password, throttled). */
export function signInAlert(page: Page) {
  return page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
}
