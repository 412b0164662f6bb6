/**
 * The ingestion API answers every documented case in Amplitude's exact shapes, with the status
 * mirrored in `code`, over real HTTP with the real Redis and Postgres behind it.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import { closeQueues, ingestQueue } from '@/lib/queue/queues';
import { createProject } from '@/test/fixtures';
import { startIngestServer } from '@/test/ingest-server';

let server: Awaited<ReturnType<typeof startIngestServer>>;
let apiKey: string;
let projectId: string;

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-conformance`;
  server = await startIngestServer({
    limits: { httpapi: { maxBodyBytes: 64 * 1024, maxEvents: 50 }, batch: { maxBodyBytes: 256 * 1024, maxEvents: 100 } },
    userEps: { httpapi: 1, batch: 100 },
    throttleWindowSeconds: 10,
  });
  ({ apiKey, id: projectId } = await createProject());
});

afterAll(async () => {
  await server?.close();
  await ingestQueue().obliterate({ force: true });
  await closeQueues();
  await disconnectPrisma();
});

let seq = 0;
const ev = (extra: Record<string, unknown> = {}) => ({ user_id: `user-${String(seq++).padStart(6, '0')}`, event_type: 'Viewed', ...extra });

async function post(path: string, body: string | Buffer | undefined, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: Buffer.isBuffer(body) ? new Uint8Array(body) : body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}
const postJson = (path: string, body: unknown) => post(path, JSON.stringify(body));

describe('HTTP V2 and Batch responses', () => {
  const cases: [string, () => Promise<{ status: number; body?: Record<string, unknown> }>, number, Record<string, unknown>][] = [
    ['success', () => postJson('/2/httpapi', { api_key: apiKey, events: [ev(), ev()] }), 200, { code: 200, events_ingested: 2 }],
    ['batch success', () => postJson('/batch', { api_key: apiKey, events: [ev()] }), 200, { code: 200, events_ingested: 1 }],
    ['missing body', () => post('/2/httpapi', undefined), 400, { code: 400, error: 'Missing request body' }],
    ['invalid JSON', () => post('/2/httpapi', '{"api_key":'), 400, { code: 400, error: 'Invalid JSON request body' }],
    ['missing api_key', () => postJson('/2/httpapi', { events: [ev()] }), 400, { code: 400, error: 'Request missing required field', missing_field: 'api_key' }],
    ['missing events', () => postJson('/2/httpapi', { api_key: apiKey }), 400, { code: 400, missing_field: 'events' }],
    ['unknown api_key', () => postJson('/2/httpapi', { api_key: 'nope-not-a-key', events: [ev()] }), 400, { code: 400, error: 'Invalid API key: nope-not-a-key' }],
    [
      'invalid events listed by index',
      () => postJson('/2/httpapi', { api_key: apiKey, events: [ev(), { user_id: 'user-12345' }, ev({ time: '2026-01-01' }), { event_type: 'x' }, ev({ user_id: 'ab' })] }),
      400,
      {
        code: 400,
        error: 'Invalid field values on some events',
        events_with_missing_fields: { event_type: [1], user_id: [3], device_id: [3] },
        events_with_invalid_fields: { time: [2] },
        events_with_invalid_id_lengths: { user_id: [4] },
      },
    ],
    ['too many events', () => postJson('/2/httpapi', { api_key: apiKey, events: Array.from({ length: 51 }, () => ev()) }), 413, { code: 413, error: 'Payload too large' }],
    ['too many bytes', () => postJson('/2/httpapi', { api_key: apiKey, events: [ev({ event_properties: { big: 'x'.repeat(70_000) } })] }), 413, { code: 413, error: 'Payload too large' }],
    ['batch allows more', () => postJson('/batch', { api_key: apiKey, events: Array.from({ length: 80 }, () => ev()) }), 200, { code: 200, events_ingested: 80 }],
    ['gzip body', () => post('/2/httpapi', gzipSync(JSON.stringify({ api_key: apiKey, events: [ev()] })), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }), 200, { code: 200, events_ingested: 1 }],
    ['broken gzip', () => post('/2/httpapi', Buffer.from('not gzip'), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }), 400, { code: 400, error: 'Invalid gzip body' }],
    ['beacon text/plain', () => post('/2/httpapi', JSON.stringify({ api_key: apiKey, events: [ev()] }), { 'Content-Type': 'text/plain;charset=UTF-8' }), 200, { code: 200 }],
  ];

  it.each(cases)('%s → %s', async (_name, call, status, expected) => {
    const res = await call();
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject(expected);
    expect(res.body!.code).toBe(status);
  });

  it('answers 200 with payload size and server upload time', async () => {
    const body = JSON.stringify({ api_key: apiKey, events: [ev()] });
    const before = Date.now();
    const res = await post('/2/httpapi', body);
    expect(res.body).toEqual({ code: 200, events_ingested: 1, payload_size_bytes: Buffer.byteLength(body), server_upload_time: expect.any(Number) });
    expect(res.body!.server_upload_time as number).toBeGreaterThanOrEqual(before);
  });

  it('throttles a user over its budget with 429 naming the events, users and devices', async () => {
    const busy = { user_id: 'busy-user-1', device_id: 'busy-device-1', event_type: 'Tap' };
    expect((await postJson('/2/httpapi', { api_key: apiKey, events: Array.from({ length: 10 }, () => busy) })).status).toBe(200);
    const res = await postJson('/2/httpapi', { api_key: apiKey, events: [ev(), busy, ev()] });
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({
      code: 429,
      error: 'Too many requests for some devices and users',
      eps_threshold: 1,
      throttled_events: [1],
      throttled_users: { 'busy-user-1': expect.any(Number) },
      throttled_devices: { 'busy-device-1': expect.any(Number) },
    });
  });

  it('queues accepted events (and nothing of refused requests) for the project', async () => {
    const before = await ingestQueue().count();
    const marker = `marker-${Date.now()}`;
    await postJson('/2/httpapi', { api_key: apiKey, events: [ev({ event_type: marker }), ev({ event_type: marker })] });
    await postJson('/2/httpapi', { api_key: apiKey, events: [ev({ event_type: marker }), { event_type: marker }] });
    expect(await ingestQueue().count()).toBe(before + 1);
    const jobs = (await ingestQueue().getWaiting()).filter((j) => j.data.events.some((e) => e.event_type === marker));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toMatchObject({ projectId, events: [{ event_type: marker }, { event_type: marker }] });
  });

  it('rejects other methods and answers CORS preflight for any origin', async () => {
    expect((await fetch(`${server.url}/2/httpapi`)).status).toBe(405);
    const pre = await fetch(`${server.url}/2/httpapi`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');
  });
});

describe('Identify API', () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const urlencoded = { 'Content-Type': 'application/x-www-form-urlencoded' };

  it('accepts url-encoded and multipart identifications', async () => {
    const identification = JSON.stringify([{ user_id: 'identify-user-1', user_properties: { $set: { plan: 'pro' } } }]);
    const a = await post('/identify', form({ api_key: apiKey, identification }), urlencoded);
    expect(a).toMatchObject({ status: 200, body: { code: 200, events_ingested: 1 } });
    const fd = new FormData();
    fd.set('api_key', apiKey);
    fd.set('identification', JSON.stringify({ user_id: 'identify-user-2', user_properties: { $add: { visits: 1 } } }));
    const res = await fetch(`${server.url}/identify`, { method: 'POST', body: fd });
    expect(res.status).toBe(200);
  });

  it.each([
    ['no identification', { api_key: 'x' }, { code: 400 }],
    ['malformed identification', { api_key: '', identification: '{' }, { code: 400, missing_field: 'api_key' }],
  ])('%s → 400', async (_n, fields, expected) => {
    const res = await post('/identify', form(fields as Record<string, string>), urlencoded);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject(expected);
  });

  it('reports a missing identification for a known key', async () => {
    const res = await post('/identify', form({ api_key: apiKey }), urlencoded);
    expect(res).toMatchObject({ status: 400, body: { code: 400 } });
  });
});

describe('hostile input', () => {
  it('never answers 5xx (other than 503) and keeps serving, whatever the body', async () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.record({ api_key: fc.oneof(fc.constant(apiKey), fc.string()), events: fc.anything() }),
      fc.record({ api_key: fc.constant(apiKey), events: fc.array(fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'event_type', 'user_id', 'time', 'event_properties', 'user_properties', 'insert_id'), fc.anything()), { maxLength: 5 }) }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('/2/httpapi', '/batch', '/identify'), async (b, path) => {
        const text = typeof b === 'string' ? b : JSON.stringify(b);
        const res = await post(path, text);
        expect(res.status < 500 || res.status === 503).toBe(true);
        expect(res.body?.code).toBe(res.status);
      }),
      { numRuns: 150 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect((await postJson('/2/httpapi', { api_key: apiKey, events: [ev()] })).status).toBe(200);
  });
});
