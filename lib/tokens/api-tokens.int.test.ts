/**
 * API tokens end to end through the real route handlers and Postgres: created by a signed-in
 * person and shown once, stored only as a SHA-256 digest, accepted as `Authorization: Bearer` by
 * every management route except the token routes themselves and better-auth's account routes,
 * and refused (401) the moment they are revoked.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth } from '@/lib/auth/auth';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import type { ApiTokenView } from '@/lib/tokens/repository';
import { callRoute, loadApiRoutes, ORIGIN, signInAsAdmin, type ApiRoute } from '@/test/management-api';

let routes: ApiRoute[];
let cookie: string;

const route = (method: string, path: string) => {
  const found = routes.find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`no route ${method} ${path}`);
  return found;
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** Routes that mint credentials answer a signed-in user only: API tokens, and the privacy API's secret key. */
const isTokenRoute = (r: ApiRoute) => r.path.startsWith('/api/tokens') || r.path === '/api/privacy/secret';

async function createToken(name: string): Promise<{ token: string; apiToken: ApiTokenView }> {
  const res = await callRoute(route('POST', '/api/tokens'), { cookie, body: { name } });
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string; apiToken: ApiTokenView };
}

beforeAll(async () => {
  process.env.BRAZE_CUSTOM_ENDPOINTS = 'http://127.0.0.1:4999';
  // The catch-all of unknown API paths serves nothing (a JSON 404 for anyone).
  routes = (await loadApiRoutes()).filter((r) => !r.path.includes('[...'));
  cookie = await signInAsAdmin();
});

afterAll(async () => {
  await disconnectPrisma();
});

describe('API tokens', () => {
  it('are shown once at creation, and stored only as the SHA-256 of the token', async () => {
    const { token, apiToken } = await createToken('CI deploy');
    expect(token).toMatch(/^bzs_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ name: 'CI deploy', hint: `bzs_…${token.slice(-4)}`, lastUsedAt: null });

    const row = await prisma().apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token.slice(4, 40));

    const list = await callRoute(route('GET', '/api/tokens'), { cookie });
    const text = await list.text();
    expect(text).toContain(apiToken.id);
    expect(text).not.toContain(token.slice(4, 40));
  });

  it('refuse a token name that is blank', async () => {
    const res = await callRoute(route('POST', '/api/tokens'), { cookie, body: { name: '  ' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { issues: { name: ['Enter a name for the token'] } } });
  });

  it('manage syncs over the API, then are refused with 401 once revoked', async () => {
    const { token, apiToken } = await createToken('script');
    const created = await callRoute(route('POST', '/api/syncs'), {
      headers: bearer(token),
      body: { name: 'By token', brazeEndpoint: 'http://127.0.0.1:4999', restApiKey: 'token-made-key' },
    });
    expect(created.status).toBe(201);
    const list = await callRoute(route('GET', '/api/syncs'), { headers: bearer(token) });
    expect(list.status).toBe(200);
    expect((await list.json()) as { name: string }[]).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'By token' })]));
    expect((await prisma().apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).lastUsedAt).not.toBeNull();

    const revoked = await callRoute(route('DELETE', '/api/tokens/[id]'), { cookie, params: { id: apiToken.id } });
    expect(revoked.status).toBe(204);
    const refused = await callRoute(route('GET', '/api/syncs'), { headers: bearer(token) });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: 'unauthenticated', message: 'The API token is not valid: unknown, revoked or mistyped.' } });
    // A revoked token is refused even when a valid session cookie comes with it.
    expect((await callRoute(route('GET', '/api/syncs'), { headers: bearer(token), cookie })).status).toBe(401);
    expect((await callRoute(route('DELETE', '/api/tokens/[id]'), { cookie, params: { id: apiToken.id } })).status).toBe(404);
  });

  it('are accepted by every management route but those that mint credentials, which answer 403 and change nothing', async () => {
    const { token } = await createToken('walker');
    const before = await prisma().apiToken.count();
    for (const r of routes) {
      const res = await callRoute(r, { headers: bearer(token), body: { name: 'made by a token' } });
      const label = `${r.method} ${r.path}`;
      if (isTokenRoute(r)) expect(res.status, label).toBe(403);
      else expect([401, 403], label).not.toContain(res.status);
    }
    expect(await prisma().apiToken.count()).toBe(before);
  });

  it.each([
    ['a forged token', `bzs_${'A'.repeat(43)}`],
    ['a malformed header', ''],
    ['the ingestion API key', 'some-project-api-key-1234'],
  ])('refuse %s with 401 on every route', async (_what, token) => {
    for (const r of routes) {
      const res = await callRoute(r, { headers: { authorization: token ? `Bearer ${token}` : 'Bearer' }, body: {} });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it('do not open the admin account: better-auth ignores them', async () => {
    const { token } = await createToken('not an admin');
    const session = await auth().handler(new Request(`${ORIGIN}/api/auth/get-session`, { headers: { ...bearer(token), origin: ORIGIN } }));
    expect(await session.json()).toBeNull();
    const change = await auth().handler(
      new Request(`${ORIGIN}/api/auth/change-password`, {
        method: 'POST',
        headers: { ...bearer(token), origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: 'x', newPassword: 'taken-over-password' }),
      }),
    );
    expect(change.status).toBe(401);
  });
});
