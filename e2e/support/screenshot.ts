import type { Page } from '@playwright/test';

/**
 * A full-page screenshot of one step, kept in e2e/screenshots/ for people to look at. Taken from
 * the top of the page, so sticky headers sit where a person first sees them.
 */
export async function screenshot(page: Page, step: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `e2e/screenshots/${step}.png`, fullPage: true });
}
