import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAmplitude, type FakeAmplitude } from '@/test/fakes/amplitude';

let fake: FakeAmplitude;
beforeAll(async () => {
  fake = await startFakeAmplitude({ apiKeys: ['key-1'] });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const event = (i: number, extra: Record<string, unknown> = {}) => ({ user_id: `user-${i}-abc`, event_type: 'Played', time: 1_700_000_000_000 + i, insert_id: `ins-${i}`, ...extra });

async function upload(body: unknown, path = '/2/httpapi', headers: Record<string, string> = {}) {
  const raw = typeof body === 'string' ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body);
  const res = await fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : text };
}

const form = (path: string, fields: Record<string, string>) =>
  fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) }).then(async (r) => ({ status: r.status, body: await r.text() }));

describe('fake Amplitude: HTTP V2 and Batch', () => {
  it('answers 200 in the documented shape and records the events with the source address', async () => {
    const answer = await upload({ api_key: 'key-1', events: [event(1), event(2)], client_upload_time: 'x' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ code: 200, events_ingested: 2, payload_size_bytes: expect.any(Number), server_upload_time: expect.any(Number) });
    expect(fake.events().map((e) => e.event.insert_id)).toEqual(['ins-1', 'ins-2']);
    expect(fake.events()[0]!.sourceIp).toBe('127.0.0.1');
  });

  it('drops an insert_id seen before for the same device or user, as Amplitude de-duplicates', async () => {
    await upload({ api_key: 'key-1', events: [event(1)] });
    await upload({ api_key: 'key-1', events: [event(1), event(1, { user_id: 'someone-else' })] });
    expect(fake.events()).toHaveLength(2);
    expect(fake.stats()).toMatchObject({ received: 3, ingested: 2, duplicatesDropped: 1 });
  });

  it('answers 400 naming every event with a missing or invalid field, and takes nothing', async () => {
    const missing = await upload({ api_key: 'key-1', events: [event(1), { user_id: 'user-2-abc' }, event(3, { time: '2024-01-01' })] });
    expect(missing).toEqual({
      status: 400,
      body: { code: 400, error: 'Request missing required field', events_with_missing_fields: { event_type: [1] }, events_with_invalid_fields: { time: [2] } },
    });
    fake.setInvalidInsertIds(['ins-5']);
    const invalid = await upload({ api_key: 'key-1', events: [event(4), event(5)] });
    expect(invalid.body).toEqual({ code: 400, error: 'Invalid field values on some events', events_with_invalid_fields: { time: [1] } });
    expect(fake.events()).toHaveLength(0);
  });

  it('answers 400 for a bad body or key, 413 beyond 2,000 events, and reads gzip bodies', async () => {
    expect((await upload('{not json')).body).toEqual({ code: 400, error: 'Invalid JSON request body' });
    expect((await upload({ events: [] })).body).toEqual({ code: 400, error: 'Request missing required field', missing_field: 'api_key' });
    expect((await upload({ api_key: 'nope', events: [event(1)] })).body).toEqual({ code: 400, error: 'Invalid API key' });
    const many = Array.from({ length: 2_001 }, (_, i) => event(i));
    expect(await upload({ api_key: 'key-1', events: many }, '/batch')).toEqual({ status: 413, body: { code: 413, error: 'Payload too large' } });
    const zipped = await upload(gzipSync(JSON.stringify({ api_key: 'key-1', events: [event(9)] })), '/2/httpapi', { 'content-encoding': 'gzip' });
    expect(zipped.status).toBe(200);
  });
});

describe('fake Amplitude: faults', () => {
  it('answers injected 5xx, taking the events only when told they were processed', async () => {
    fake.injectFaults({ kind: 'status', status: 503 }, { kind: 'status', status: 500, processed: true });
    expect(await upload({ api_key: 'key-1', events: [event(1)] })).toEqual({ status: 503, body: { code: 503, error: 'Service Unavailable' } });
    expect((await upload({ api_key: 'key-1', events: [event(2)] })).status).toBe(500);
    expect(fake.events().map((e) => e.event.insert_id)).toEqual(['ins-2']);
    expect((await upload({ api_key: 'key-1', events: [event(3)] })).status).toBe(200);
  });

  it('answers 429 in the documented shape for the throttled users only', async () => {
    fake.injectFaults({ kind: 'throttle', users: ['user-2-abc'] });
    const answer = await upload({ api_key: 'key-1', events: [event(1), event(2)] });
    expect(answer).toEqual({
      status: 429,
      body: { code: 429, error: 'Too many requests for some devices and users', eps_threshold: 30, throttled_devices: {}, throttled_users: { 'user-2-abc': 31 }, throttled_events: [1] },
    });
    expect(fake.events()).toHaveLength(0);
  });

  it('hangs for the given time before answering, or cuts the connection', async () => {
    fake.injectFaults({ kind: 'hang', ms: 300 }, { kind: 'hang', ms: 50, cut: true });
    const started = Date.now();
    expect((await upload({ api_key: 'key-1', events: [event(1)] })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await expect(upload({ api_key: 'key-1', events: [event(2)] })).rejects.toThrow();
    expect(fake.events()).toHaveLength(1);
  });

  it('takes faults through its admin API', async () => {
    const res = await fetch(`${fake.url}/_fake/faults`, { method: 'POST', body: JSON.stringify([{ kind: 'status', status: 502, count: 2 }]) });
    expect(res.status).toBe(200);
    expect((await upload({ api_key: 'key-1', events: [event(1)] })).status).toBe(502);
    expect((await upload({ api_key: 'key-1', events: [event(1)] })).status).toBe(502);
    expect((await upload({ api_key: 'key-1', events: [event(1)] })).status).toBe(200);
    const bad = await fetch(`${fake.url}/_fake/faults`, { method: 'POST', body: '[{"kind":"explode"}]' });
    expect(bad.status).toBe(400);
    const listed = (await (await fetch(`${fake.url}/_fake/events`)).json()) as unknown[];
    expect(listed).toHaveLength(1);
  });
});

describe('fake Amplitude: Identify and Group Identify', () => {
  it('records identifications from the form and answers success', async () => {
    const ok = await form('/identify', { api_key: 'key-1', identification: JSON.stringify([{ user_id: 'user-1-abc', user_properties: { $set: { plan: 'pro' } } }]) });
    expect(ok).toEqual({ status: 200, body: 'success' });
    const group = await form('/groupidentify', { api_key: 'key-1', identification: JSON.stringify({ group_type: 'org', group_value: 'acme', group_properties: { $set: { size: 5 } } }) });
    expect(group).toEqual({ status: 200, body: 'success' });
    expect(fake.identifications().map((i) => [i.kind, i.identification])).toEqual([
      ['identify', { user_id: 'user-1-abc', user_properties: { $set: { plan: 'pro' } } }],
      ['groupidentify', { group_type: 'org', group_value: 'acme', group_properties: { $set: { size: 5 } } }],
    ]);
  });

  it('answers 400 for a missing identification or an unknown key', async () => {
    expect(await form('/identify', { api_key: 'key-1', identification: '{"user_properties":{}}' })).toEqual({ status: 400, body: 'missing_event' });
    expect(await form('/groupidentify', { api_key: 'other', identification: '{}' })).toEqual({ status: 400, body: 'invalid_api_key' });
  });
});
