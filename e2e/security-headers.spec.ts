import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';

/** Headers every page and management API answer of the running (built) app carries. */
function expectSecurityHeaders(headers: Record<string, string>, where: string): void {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, where).toContain("default-src 'self'");
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(csp, where).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], where).toContain('camera=()');
  expect(headers['x-powered-by'], where).toBeUndefined();
}

test('pages and the management API carry the security headers, and the UI works under them', async ({ page, request }) => {
  for (const path of ['/login', '/catalog', '/api/project', '/api/syncs']) {
    const res = await request.get(path, { maxRedirects: 0 });
    expectSecurityHeaders(res.headers(), path);
  }
  // The policy does not break the UI: no violation is reported while signing in and browsing.
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(msg.text())) violations.push(msg.text());
  });
  const first = await page.goto('/login');
  expectSecurityHeaders(first!.headers(), 'login page in the browser');
  await signIn(page);
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('the opener policy is sent only where browsers apply it: localhost or https', async ({ request }) => {
  const opener = async (headers: Record<string, string>) => (await request.get('/login', { headers, maxRedirects: 0 })).headers()['cross-origin-opener-policy'];
  // The suite's app is on localhost: a trustworthy origin even over http.
  expect(await opener({})).toBe('same-origin');
  // Plain http from another address (a LAN or container name): Chromium would ignore it and log an error on every page.
  const port = new URL(process.env.E2E_APP_URL!).port;
  expect(await opener({ host: `streaming.lan:${port}` })).toBeUndefined();
  // Behind the TLS terminator, which says the page was served over https.
  expect(await opener({ host: 'streaming.example.com', 'x-forwarded-proto': 'https' })).toBe('same-origin');
  // Both conditions at once: still one header, not a repeated value.
  expect(await opener({ 'x-forwarded-proto': 'https' })).toBe('same-origin');
});

test('the app cannot be framed by another site', async ({ page }) => {
  await page.goto('/login');
  await page.setContent(`<iframe id="f" src="${new URL('/login', page.url()).href}"></iframe>`);
  const frame = page.frame({ url: /\/login/ });
  // A refused frame never gets the page's content.
  await expect.poll(async () => (frame ? await frame.locator('h1').count().catch(() => 0) : 0)).toBe(0);
});
