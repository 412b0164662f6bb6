/** Files of public/ are served to anyone: browsers fetch the favicon and crawlers robots.txt signed out. */
import { expect, test } from '@playwright/test';

test('robots.txt disallows crawling and the favicon is served, without signing in', async ({ request }) => {
  const robots = await request.get('/robots.txt', { maxRedirects: 0 });
  expect(robots.status()).toBe(200);
  expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);

  for (const path of ['/favicon.ico', '/icon.svg']) {
    const icon = await request.get(path, { maxRedirects: 0 });
    expect(icon.status(), path).toBe(200);
    expect(icon.headers()['content-type'], path).toMatch(/^image\//);
  }
});
