/**
 * The ingestion API answers every documented case in Amplitude's exact shapes, with the status
 * mirrored in `code`, over real HTTP with the real Redis and Postgres behind it.
 */
import { createHash } from 'node:crypto';
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
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const urlencoded = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** Events of this project's queued ingest jobs (no worker runs here) that match `pick`. */
async function queuedEvents(pick: (e: Record<string, unknown>) => boolean) {
  const jobs = (await ingestQueue().getWaiting()).filter((j) => j.data.projectId === projectId);
  return jobs.flatMap((j) => j.data.events).filter(pick);
}

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

  it("throttles only the events over a user's budget: 429 naming them, the rest queued", async () => {
    const busy = { user_id: 'busy-user-1', device_id: 'busy-device-1', event_type: 'Tap' };
    expect((await postJson('/2/httpapi', { api_key: apiKey, events: Array.from({ length: 10 }, () => busy) })).status).toBe(200);
    const marker = `partial-${Date.now()}`;
    const res = await postJson('/2/httpapi', { api_key: apiKey, events: [ev({ event_type: marker }), busy, ev({ event_type: marker })] });
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      code: 429,
      error: 'Too many requests for some devices and users',
      eps_threshold: 1,
      throttled_events: [1],
      throttled_users: { 'busy-user-1': expect.any(Number) },
      throttled_devices: { 'busy-device-1': expect.any(Number) },
      exceeded_daily_quota_users: {},
      exceeded_daily_quota_devices: {},
    });
    expect((await queuedEvents((e) => e.event_type === marker)).map((e) => e.user_id)).toHaveLength(2);
  });

  it("takes a single user's events up to the budget from one large request", async () => {
    const flood = Array.from({ length: 12 }, (_, i) => ({ user_id: 'flood-user-1', event_type: 'Flood', insert_id: `flood-${i}` }));
    const res = await postJson('/2/httpapi', { api_key: apiKey, events: flood });
    expect(res).toMatchObject({ status: 429, body: { throttled_events: [10, 11], throttled_users: { 'flood-user-1': 1 }, throttled_devices: {} } });
    expect((await queuedEvents((e) => e.user_id === 'flood-user-1')).map((e) => e.insert_id)).toEqual(flood.slice(0, 10).map((e) => e.insert_id));
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
    const wrongMethod = await fetch(`${server.url}/2/httpapi`);
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toEqual({ code: 405, error: 'Method not allowed: use POST, OPTIONS' });
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

  it('takes GET /identify with query parameters exactly like POST /identify', async () => {
    const identification = (userId: string) => JSON.stringify({ user_id: userId, user_properties: { $set: { plan: 'gold' }, $add: { logins: 1 } } });
    const got = await fetch(`${server.url}/identify?${form({ api_key: apiKey, identification: identification('identify-get-1') })}`);
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ code: 200, events_ingested: 1 });
    expect((await post('/identify', form({ api_key: apiKey, identification: identification('identify-post-1') }), urlencoded)).status).toBe(200);
    const [viaGet] = await queuedEvents((e) => e.user_id === 'identify-get-1');
    const [viaPost] = await queuedEvents((e) => e.user_id === 'identify-post-1');
    const { user_id: _g, time: _gt, ...restGet } = viaGet!;
    const { user_id: _p, time: _pt, ...restPost } = viaPost!;
    expect(restGet).toEqual(restPost);
    expect(restGet).toEqual({ event_type: '$identify', user_properties: { $set: { plan: 'gold' }, $add: { logins: 1 } } });
    const bad = await fetch(`${server.url}/identify?${form({ api_key: apiKey })}`);
    expect(bad.status).toBe(400);
    const pre = await fetch(`${server.url}/identify`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
  });

  it('reports a missing identification for a known key', async () => {
    const res = await post('/identify', form({ api_key: apiKey }), urlencoded);
    expect(res).toMatchObject({ status: 400, body: { code: 400 } });
  });
});

describe('Group Identify API', () => {
  const identification = JSON.stringify([{ group_type: 'Seller', group_value: '12345678', group_properties: { $set: { 'org plan': 'Enterprise' }, $add: { seats: 3 } } }]);

  it('accepts a form (or the documented query string) and queues a $groupidentify event per group', async () => {
    const res = await post('/groupidentify', form({ api_key: apiKey, identification }), urlencoded);
    expect(res).toMatchObject({ status: 200, body: { code: 200, events_ingested: 1 } });
    const viaQuery = await fetch(`${server.url}/groupidentify?${form({ api_key: apiKey, identification: JSON.stringify({ group_type: 'Seller', group_value: 'query-1', group_properties: { tier: 'A' } }) })}`, { method: 'POST' });
    expect(viaQuery.status).toBe(200);
    const queued = await queuedEvents((e) => e.event_type === '$groupidentify');
    expect(queued).toEqual(
      expect.arrayContaining([
        { event_type: '$groupidentify', groups: { Seller: '12345678' }, group_properties: { $set: { 'org plan': 'Enterprise' }, $add: { seats: 3 } }, time: expect.any(Number) },
        { event_type: '$groupidentify', groups: { Seller: 'query-1' }, group_properties: { tier: 'A' }, time: expect.any(Number) },
      ]),
    );
  });

  it.each([
    ['no group_type', [{ group_value: 'x', group_properties: {} }], { events_with_missing_fields: { group_type: [0] } }],
    ['a numeric group_value and no properties', [{ group_type: 'org', group_value: 5 }], { events_with_invalid_fields: { group_value: [0] }, events_with_missing_fields: { group_properties: [0] } }],
  ])('refuses %s with the index', async (_name, identifications, expected) => {
    const res = await post('/groupidentify', form({ api_key: apiKey, identification: JSON.stringify(identifications) }), urlencoded);
    expect(res).toMatchObject({ status: 400, body: { code: 400, ...expected } });
  });

  it('answers 405 JSON to a GET, naming the allowed methods', async () => {
    const res = await fetch(`${server.url}/groupidentify?${form({ api_key: apiKey, identification })}`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await res.json()).toEqual({ code: 405, error: 'Method not allowed: use POST, OPTIONS' });
  });
});

describe('delayed events of the browser SDK heartbeat', () => {
  it.each(['/2/httpapi/delayed', '/batch/delayed', '/delayed'])('POST %s is ingested like HTTP V2', async (path) => {
    const marker = `delayed-${path}-${Date.now()}`;
    const delayed = ev({ event_type: marker, insert_id: `${marker}-1`, delay: { id: 'delay-1', timeout: 3_600_000 } });
    const res = await postJson(path, { api_key: apiKey, events: [delayed], options: {}, client_upload_time: new Date().toISOString() });
    expect(res).toMatchObject({ status: 200, body: { code: 200, events_ingested: 1 } });
    expect(await queuedEvents((e) => e.event_type === marker)).toEqual([{ ...delayed, time: expect.any(Number) }]);
    expect((await postJson(path, { api_key: apiKey, events: [{ event_type: marker }] })).body).toMatchObject({ code: 400, events_with_missing_fields: { user_id: [0] } });
  });
});

describe('legacy form upload (amplitude-js 8)', () => {
  const legacyEvent = (overrides: Record<string, unknown> = {}) => ({
    device_id: 'legacy-device-1',
    user_id: 'legacy-user-1',
    timestamp: 1_700_000_000_123,
    event_id: 1,
    session_id: 1_700_000_000_000,
    event_type: 'Legacy Viewed',
    version_name: null,
    platform: 'Web',
    os_name: 'Chrome',
    api_properties: {},
    event_properties: { color: 'blue' },
    user_properties: {},
    uuid: 'c1d1e1f1-0000-4000-8000-000000000001',
    library: { name: 'amplitude-js', version: '8.21.10' },
    sequence_number: 3,
    groups: {},
    group_properties: {},
    partner_id: null,
    ...overrides,
  });
  const upload = (events: unknown[], overrides: Record<string, string> = {}) => {
    const fields = { client: apiKey, e: JSON.stringify(events), v: '2', upload_time: String(Date.now()), ...overrides };
    const checksum = createHash('md5').update(fields.v + fields.client + fields.e + fields.upload_time).digest('hex');
    return fetch(`${server.url}/`, { method: 'POST', headers: urlencoded, body: form({ checksum, ...fields }) });
  };

  it('answers "success" and queues the events as HTTP V2 events', async () => {
    const res = await upload([legacyEvent()]);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await queuedEvents((e) => e.event_type === 'Legacy Viewed')).toEqual([
      {
        device_id: 'legacy-device-1',
        user_id: 'legacy-user-1',
        time: 1_700_000_000_123,
        event_id: 1,
        session_id: 1_700_000_000_000,
        event_type: 'Legacy Viewed',
        platform: 'Web',
        os_name: 'Chrome',
        event_properties: { color: 'blue' },
        user_properties: {},
        insert_id: 'c1d1e1f1-0000-4000-8000-000000000001',
        library: 'amplitude-js/8.21.10',
        groups: {},
        group_properties: {},
      },
    ]);
  });

  it('refuses a bad checksum with a clear 400 and keeps nothing', async () => {
    const res = await upload([legacyEvent({ event_type: 'Legacy Tampered' })], { checksum: '0'.repeat(32) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, error: 'Invalid checksum: checksum must be the MD5 hex digest of v + client + e + upload_time' });
    expect(await queuedEvents((e) => e.event_type === 'Legacy Tampered')).toEqual([]);
  });

  it.each([
    ['an unknown key', () => upload([legacyEvent()], { client: 'nope-not-a-key' }), { code: 400, error: 'Invalid API key: nope-not-a-key' }],
    ['no events', () => fetch(`${server.url}/`, { method: 'POST', headers: urlencoded, body: form({ client: apiKey }) }), { code: 400, missing_field: 'e' }],
  ])('refuses %s like HTTP V2', async (_name, call, expected) => {
    const res = await call();
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject(expected);
  });

  it('takes the valid events of an upload with invalid ones (amplitude-js cannot drop single events)', async () => {
    const res = await upload([legacyEvent({ user_id: 'ab', device_id: null, event_type: 'Legacy Invalid' }), legacyEvent({ event_type: 'Legacy Valid Sibling', uuid: 'c1d1e1f1-0000-4000-8000-000000000002' })]);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    expect(await queuedEvents((e) => e.event_type === 'Legacy Invalid')).toEqual([]);
    expect(await queuedEvents((e) => e.event_type === 'Legacy Valid Sibling')).toHaveLength(1);
  });

  it('takes a JSON upload at / as HTTP V2 (a serverUrl given without its path)', async () => {
    const res = await postJson('/', { api_key: apiKey, events: [ev({ event_type: 'Root JSON' })] });
    expect(res).toMatchObject({ status: 200, body: { code: 200, events_ingested: 1 } });
    expect(await queuedEvents((e) => e.event_type === 'Root JSON')).toHaveLength(1);
  });

  it('answers the preflight amplitude-js triggers with its extra header', async () => {
    const pre = await fetch(`${server.url}/`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:9', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,cross-origin-resource-policy' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type,cross-origin-resource-policy');
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
      fc.asyncProperty(body, fc.constantFrom('/2/httpapi', '/batch', '/identify', '/groupidentify', '/2/httpapi/delayed'), async (b, path) => {
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
