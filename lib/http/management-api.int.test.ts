/**
 * The management API's route handlers with the real Postgres, better-auth and the fake Braze
 * over HTTP: sign-in (and its throttling), the admin bootstrap, 401 without a session, and a
 * REST API key that is stored, kept on edit, used by Test connection and never answered.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listSyncs, POST as createSync } from '@/app/api/syncs/route';
import { DELETE as deleteSync, GET as getSync, PUT as updateSync } from '@/app/api/syncs/[id]/route';
import { POST as testConnection } from '@/app/api/syncs/test-connection/route';
import { auth } from '@/lib/auth/auth';
import { sealSecret } from '@/lib/crypto/secret-box';
import { ensureAdminUser } from '@/lib/auth/ensure-admin-user';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { startFakeBraze, type FakeBraze } from '@/test/fakes/braze';
import { ensureDefaultProject } from '@/lib/projects/bootstrap';
import { readStoredRestApiKey } from '@/lib/syncs/repository';

const ORIGIN = 'http://localhost:3000';
const KEY = 'int-rest-api-key';
const noParams = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

let braze: FakeBraze;
let cookie: string;

function signIn(password: string, clientIp = '198.51.100.1'): Promise<Response> {
  return auth().handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': clientIp },
      body: JSON.stringify({ email: env().ADMIN_EMAIL, password }),
    }),
  );
}

function api(path: string, init: { method?: string; body?: unknown; signedIn?: boolean } = {}): Request {
  const headers: Record<string, string> = { host: 'localhost:3000', origin: ORIGIN };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.signedIn !== false) headers.cookie = cookie;
  return new Request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

beforeAll(async () => {
  braze = await startFakeBraze({ keys: [{ key: KEY }] });
  // Configuration is read once per process: set it before anything reads it.
  process.env.BRAZE_CUSTOM_ENDPOINTS = braze.url;
  await ensureDefaultProject();
  await ensureAdminUser();
  const res = await signIn(process.env.ADMIN_PASSWORD!);
  expect(res.status).toBe(200);
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^bzs\.session_token=/);
});

afterAll(async () => {
  await braze?.close();
  await disconnectPrisma();
});

describe('admin account', () => {
  it('takes back the configured password when the stored one differs, and ends old sessions', async () => {
    const ctx = await auth().$context;
    const user = await prisma().user.findUniqueOrThrow({ where: { email: env().ADMIN_EMAIL } });
    await prisma().account.updateMany({ where: { userId: user.id, providerId: 'credential' }, data: { password: await ctx.password.hash('some-old-password') } });
    expect((await signIn(process.env.ADMIN_PASSWORD!, '198.51.100.2')).status).toBe(401);

    expect(await ensureAdminUser()).toBe('password_updated');
    expect(await ensureAdminUser()).toBe('unchanged');
    expect(await prisma().session.count({ where: { userId: user.id } })).toBe(0);
    const res = await signIn(process.env.ADMIN_PASSWORD!, '198.51.100.2');
    expect(res.status).toBe(200);
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  });

  it('cannot be signed up for: sign-up is disabled', async () => {
    const res = await auth().handler(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ email: 'intruder@example.com', password: 'intruder-password-1', name: 'x' }),
      }),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await prisma().user.count({ where: { email: 'intruder@example.com' } })).toBe(0);
  });

  it('throttles sign-in per client address, in the database', async () => {
    const ip = '203.0.113.50';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn('wrong-password', ip)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const throttled = await signIn(process.env.ADMIN_PASSWORD!, ip);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('x-retry-after'))).toBeGreaterThan(0);
    expect(await prisma().rateLimit.count({ where: { key: { startsWith: `${ip}|` } } })).toBe(1);
  });
});

describe('management API', () => {
  it('answers 401 without a session', async () => {
    const res = await listSyncs(api('/api/syncs', { signedIn: false }), noParams);
    expect(res.status).toBe(401);
  });

  it('answers a form that fails the shared schema with messages per field', async () => {
    const res = await createSync(api('/api/syncs', { method: 'POST', body: {} }), noParams);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { issues: Record<string, string[]> } };
    expect(error.issues).toEqual({
      name: ['Enter a sync name'],
      brazeEndpoint: ['Select your Braze REST API Endpoint'],
      restApiKey: ['Enter your REST API Key'],
    });
  });

  it('stores the REST API key, never answers it, keeps it on an edit with a blank key, and tests with it', async () => {
    const created = await createSync(
      api('/api/syncs', { method: 'POST', body: { name: 'Int', brazeEndpoint: braze.url, restApiKey: KEY, enabled: true } }),
      noParams,
    );
    expect(created.status).toBe(201);
    const createdText = await created.text();
    expect(createdText).not.toContain(KEY);
    const sync = JSON.parse(createdText) as { id: string; restApiKeyMasked: string; enabled: boolean };
    expect(sync).toMatchObject({ restApiKeyMasked: '••••••••-key', enabled: true });

    const updated = await updateSync(
      api(`/api/syncs/${sync.id}`, { method: 'PUT', body: { name: 'Int renamed', brazeEndpoint: braze.url, restApiKey: '', enabled: false } }),
      withId(sync.id),
    );
    expect(updated.status).toBe(200);
    const { projectId } = await prisma().sync.findUniqueOrThrow({ where: { id: sync.id } });
    expect(await readStoredRestApiKey(projectId, sync.id)).toBe(KEY);

    const read = await getSync(api(`/api/syncs/${sync.id}`), withId(sync.id));
    const readText = await read.text();
    expect(readText).not.toContain(KEY);
    expect(JSON.parse(readText)).toMatchObject({ name: 'Int renamed', enabled: false, restApiKeyMasked: '••••••••-key' });

    const stored = await testConnection(api('/api/syncs/test-connection', { method: 'POST', body: { brazeEndpoint: braze.url, syncId: sync.id } }), noParams);
    expect(await stored.json()).toMatchObject({ ok: true });
    const wrong = await testConnection(api('/api/syncs/test-connection', { method: 'POST', body: { brazeEndpoint: braze.url, restApiKey: 'wrong-key' } }), noParams);
    expect(await wrong.json()).toMatchObject({ ok: false, problem: 'invalid_key_or_cluster', status: 401 });

    expect((await deleteSync(api(`/api/syncs/${sync.id}`, { method: 'DELETE' }), withId(sync.id))).status).toBe(204);
    expect((await getSync(api(`/api/syncs/${sync.id}`), withId(sync.id))).status).toBe(404);
  });

  it('Save tests the connection: a key Braze refuses is saved with a warning, which a working key clears, resuming a paused sync', async () => {
    const body = { name: 'Checked', brazeEndpoint: braze.url, restApiKey: 'refused-key', enabled: true };
    const created = await createSync(api('/api/syncs', { method: 'POST', body }), noParams);
    expect(created.status).toBe(201);
    const sync = (await created.json()) as { id: string; connectionWarning: unknown };
    expect(sync.connectionWarning).toEqual({ problem: 'invalid_key_or_cluster', message: expect.stringMatching(/did not accept this REST API Key/) });
    await prisma().sync.update({ where: { id: sync.id }, data: { pausedReason: 'Braze answered 401 Unauthorized', pauseCause: 'BRAZE', pausedAt: new Date() } });

    // A blank key on edit tests the stored one.
    const kept = await updateSync(api(`/api/syncs/${sync.id}`, { method: 'PUT', body: { ...body, restApiKey: '' } }), withId(sync.id));
    expect((await kept.json()).connectionWarning).toMatchObject({ problem: 'invalid_key_or_cluster' });
    const fixed = await updateSync(api(`/api/syncs/${sync.id}`, { method: 'PUT', body: { ...body, restApiKey: KEY } }), withId(sync.id));
    expect(fixed.status).toBe(200);
    expect(await fixed.json()).toMatchObject({ connectionWarning: null, pausedReason: null, pauseCause: null, enabled: true });
  });

  it('a stored key this server cannot open: Test connection and Save say so and how to fix it', async () => {
    const body = { name: 'Unreadable', brazeEndpoint: braze.url, restApiKey: KEY, enabled: true };
    const sync = (await (await createSync(api('/api/syncs', { method: 'POST', body }), noParams)).json()) as { id: string };
    await prisma().sync.update({ where: { id: sync.id }, data: { restApiKeyCipher: sealSecret(KEY, randomBytes(32)) } });

    const tested = await testConnection(api('/api/syncs/test-connection', { method: 'POST', body: { brazeEndpoint: braze.url, syncId: sync.id } }), noParams);
    expect(tested.status).toBe(400);
    expect(JSON.stringify(await tested.json())).toMatch(/cannot open the stored REST API key .*ENCRYPTION_KEY_PREVIOUS/);
    const saved = await updateSync(api(`/api/syncs/${sync.id}`, { method: 'PUT', body: { ...body, restApiKey: '' } }), withId(sync.id));
    expect((await saved.json()).connectionWarning).toMatchObject({ problem: 'stored_key_unreadable', message: expect.stringMatching(/enter the REST API key again/) });
    // A key sealed with a key nobody configured would fail the run's key-rotation tests.
    await prisma().sync.delete({ where: { id: sync.id } });
  });

  it('answers 404 for a sync that does not exist', async () => {
    const res = await getSync(api('/api/syncs/nope'), withId('nope'));
    expect(res.status).toBe(404);
  });
});
