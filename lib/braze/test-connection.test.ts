import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConnection } from '@/lib/braze/test-connection';
import { findClosedPort, startScriptedServer, type ScriptedReply, type ScriptedServer } from '@/test/fakes/scripted-braze';

const API_KEY = 'probe-key-77d0c1';
const NO_VALID_DATA = "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.";

let server: ScriptedServer;
let script: ScriptedReply = { status: 400, body: { message: NO_VALID_DATA } };

beforeAll(async () => {
  server = await startScriptedServer(() => script);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const check = (baseUrl = server.baseUrl, timeoutMs = 2_000) =>
  testConnection({ baseUrl, allowedEndpoints: [baseUrl], apiKey: API_KEY, fetch, timeoutMs });

describe('testConnection', () => {
  it('sends /users/track with no objects, so nothing is written', async () => {
    script = { status: 400, body: { message: NO_VALID_DATA } };
    await check();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toBe('/users/track');
    expect(JSON.parse(server.requests[0]!.body)).toEqual({});
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it.each<[string, ScriptedReply, number]>([
    ['400 for the empty body: key and permission work', { status: 400, body: { message: NO_VALID_DATA } }, 400],
    ['201 success', { status: 201, body: { message: 'success' } }, 201],
    ['202 queued', { status: 202, body: { message: 'queued' } }, 202],
  ])('ok on %s', async (_name, reply, status) => {
    script = reply;
    expect(await check()).toMatchObject({ ok: true, status });
  });

  it.each<[string, ScriptedReply, string]>([
    ['401: wrong key or wrong cluster', { status: 401, body: { message: 'Invalid API Key' } }, 'invalid_key_or_cluster'],
    ['403: key without users.track', { status: 403, body: { message: 'Access Denied' } }, 'missing_permission'],
    ['404: not a REST endpoint', { status: 404, body: 'Not Found' }, 'wrong_endpoint'],
    ['429', { status: 429, body: { message: 'Too many' } }, 'rate_limited'],
    ['503', { status: 503, body: '<h1>Service Unavailable</h1>' }, 'braze_unavailable'],
    ['415', { status: 415, body: { message: 'Unsupported Media Type' } }, 'unexpected_response'],
  ])('names %s', async (_name, reply, problem) => {
    script = reply;
    expect(await check()).toMatchObject({ ok: false, problem, status: reply.status, reason: expect.stringMatching(/\S/) });
  });

  it('says a 401 may also mean the wrong cluster', async () => {
    script = { status: 401, body: { message: 'Invalid API Key' } };
    expect(await check()).toMatchObject({ reason: expect.stringContaining('cluster') });
  });

  it('reports an unreachable host', async () => {
    const baseUrl = `http://127.0.0.1:${await findClosedPort()}`;
    expect(await check(baseUrl)).toMatchObject({ ok: false, problem: 'unreachable', status: null });
  });

  it('reports a host that does not answer in time as unreachable', async () => {
    script = { status: 400, hang: true };
    expect(await check(server.baseUrl, 150)).toMatchObject({ ok: false, problem: 'unreachable' });
  });

  it('refuses an endpoint outside the allow-list without calling it', async () => {
    const result = await testConnection({ baseUrl: server.baseUrl, apiKey: API_KEY, fetch, timeoutMs: 2_000 });
    expect(result).toMatchObject({ ok: false, problem: 'endpoint_not_allowed', status: null });
    expect(server.requests).toHaveLength(0);
  });

  it('never returns the key', async () => {
    script = { status: 401, body: { message: `Invalid API Key ${API_KEY}` } };
    expect(JSON.stringify(await check())).not.toContain(API_KEY);
  });
});
