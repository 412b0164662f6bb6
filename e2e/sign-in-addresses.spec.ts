/**
 * Self-hosters open the UI by whatever address reaches the machine: 127.0.0.1, another
 * interface's address, a host name. Sign-in works at each, while a page of another site still
 * cannot post to the sign-in or management API. Every address here is a loopback one.
 */
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { signIn } from './support/sign-in';

const port = new URL(process.env.E2E_APP_URL!).port;
const HOST_NAME = 'braze-stream.test';

/** Each context has its own sign-in throttling bucket, whatever the other specs spent. */
let clientNumber = 0;
function newClient(browser: Browser): Promise<BrowserContext> {
  clientNumber++;
  return browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${clientNumber}` } });
}

async function expectSignInWorksAt(context: BrowserContext, origin: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  // The redirect to the login page stays on the address the person used.
  await expect(page).toHaveURL(`${origin}/login`);
  await signIn(page);
  await expect(page).toHaveURL(`${origin}/catalog`);
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
  // A write of the management API from the page is accepted too (same origin).
  const status = await page.evaluate(async () => (await fetch('/api/auth/sign-out', { method: 'POST' })).status);
  expect(status).toBe(200);
}

for (const address of ['127.0.0.1', '127.0.0.2']) {
  test(`signs in at http://${address}`, async ({ browser }) => {
    const context = await newClient(browser);
    await expectSignInWorksAt(context, `http://${address}:${port}`);
    await context.close();
  });
}

test('signs in at a host name of the machine', async ({ playwright }) => {
  // A browser of its own, whose resolver maps the name to loopback (no DNS involved).
  const launchOptions = test.info().project.use.launchOptions ?? {};
  const browser = await playwright.chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), `--host-resolver-rules=MAP ${HOST_NAME} 127.0.0.1`],
  });
  try {
    await expectSignInWorksAt(await newClient(browser), `http://${HOST_NAME}:${port}`);
  } finally {
    await browser.close();
  }
});

test('a page of another site cannot post to the sign-in or management API', async ({ browser }) => {
  const context = await newClient(browser);
  const target = `http://127.0.0.1:${port}`;
  // Signed in at 127.0.0.1 …
  const page = await context.newPage();
  await page.goto(`${target}/login`);
  await signIn(page);
  await expect(page).toHaveURL(`${target}/catalog`);
  // … then a page of another site submits a form to it, the classic cross-site request:
  // 127.0.0.2 is another origin and another site. The page is served by the test itself.
  const other = await context.newPage();
  const attackerPage = `http://127.0.0.2:${port}/another-site`;
  const attempts = [
    { path: '/api/auth/sign-in/email', fields: { email: 'attacker@example.com', password: 'attacker-password' } },
    { path: '/api/project/rotate-key', fields: {} },
  ];
  for (const { path, fields } of attempts) {
    const inputs = Object.entries(fields).map(([name, value]) => `<input name="${name}" value="${value}">`).join('');
    await other.route(attackerPage, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<form method="post" action="${target}${path}">${inputs}</form>` }),
    );
    await other.goto(attackerPage);
    const answered = other.waitForResponse(`${target}${path}`);
    await other.evaluate(() => document.forms[0]!.submit());
    expect((await answered).status(), path).toBe(403);
    await other.unroute(attackerPage);
  }
  // The same requests with a forged Origin and the session cookie, as a non-browser could send.
  for (const { path, fields } of attempts) {
    const res = await context.request.post(`${target}${path}`, {
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      data: fields,
    });
    expect(res.status(), `${path} with a foreign Origin`).toBe(403);
  }
  await context.close();
});
