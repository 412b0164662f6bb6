import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

beforeAll(() => {
  // Secrets from the environment, so building the auth server writes no file.
  vi.stubEnv('ENCRYPTION_KEY', randomBytes(32).toString('base64'));
  vi.stubEnv('ADMIN_PASSWORD', 'unit-test-password');
  vi.stubEnv('LOG_LEVEL', 'silent');
});

async function route() {
  const { apiRoute } = await import('@/lib/http/api-route');
  const handler = vi.fn(async () => ({ ok: true }));
  return { handler, post: apiRoute({ body: z.object({ name: z.string() }) }, handler) };
}

const context = { params: Promise.resolve({}) };

describe('apiRoute', () => {
  it('answers 401 without a session, before reading the body or calling the handler', async () => {
    const { handler, post } = await route();
    const res = await post(new Request('http://localhost:3000/api/x', { method: 'POST', body: 'not json' }), context);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: 'Sign in to continue.' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a write sent by another site, even with a session cookie', async () => {
    const { handler, post } = await route();
    const res = await post(
      new Request('http://localhost:3000/api/x', {
        method: 'POST',
        headers: { host: 'localhost:3000', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', cookie: 'bzs.session_token=stolen', 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x' }),
      }),
      context,
    );
    expect(res.status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });
});
