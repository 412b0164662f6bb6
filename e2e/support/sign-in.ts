import { randomInt } from 'node:crypto';
import type { BrowserContext, Page } from '@playwright/test';

export const admin = {
  email: process.env.E2E_ADMIN_EMAIL!,
  password: process.env.E2E_ADMIN_PASSWORD!,
};

/**
 * Each browser context signs in from a client address of its own (X-Forwarded-For, which the
 * product under test trusts): sign-in throttling allows a few attempts per address and minute,
 * and the specs together sign in more often than that.
 */
const addresses = new WeakMap<BrowserContext, string>();
// Playwright starts a new worker process after a failed test: a random start keeps the next
// spec's addresses apart from those the previous worker used within the throttling window.
let contexts = randomInt(0, 60_000);

async function giveOwnAddress(context: BrowserContext): Promise<void> {
  if (addresses.has(context)) return;
  const n = contexts++;
  const address = `198.18.${Math.floor(n / 250) % 256}.${(n % 250) + 1}`;
  addresses.set(context, address);
  await context.setExtraHTTPHeaders({ 'x-forwarded-for': address });
}

/** Fills and submits the login form of the page as it is (the caller checks where it lands). */
export async function signIn(page: Page, password = admin.password): Promise<void> {
  await giveOwnAddress(page.context());
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The login form's message (wrong password, throttled). */
export function signInAlert(page: Page) {
  return page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
}
