/**
 * Hostile input to every ingestion endpoint, over real HTTP: huge and endless bodies, gzip bombs
 * and broken gzip, deep nesting, unicode, prototype keys, wrong types and slow uploads. Each gets
 * a clear 4xx (never a 5xx other than 503, never a dropped connection), nothing reaches a
 * prototype, the server keeps serving, and the valid events of an accepted request are queued
 * exactly as sent.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import { toStorableStrings } from '@/lib/db/storable-text';
import { closeQueues, ingestQueue } from '@/lib/queue/queues';
import { createProject } from '@/test/fixtures';
import { startIngestServer, type IngestServer } from '@/test/ingest-server';

let server: IngestServer;
let apiKey: string;
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const PATHS = ['/2/httpapi', '/batch', '/identify'] as const;

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-hostile`;
  server = await startIngestServer({
    limits: { httpapi: { maxBodyBytes: 64 * 1024, maxEvents: 50 }, batch: { maxBodyBytes: 256 * 1024, maxEvents: 100 } },
    userEps: { httpapi: 0, batch: 0 },
    throttleWindowSeconds: 10,
    bodyTimeoutMs: 1_500,
  });
  ({ apiKey } = await createProject());
});

afterAll(async () => {
  await server?.close();
  await ingestQueue().obliterate({ force: true });
  await closeQueues();
  await disconnectPrisma();
});

interface Answer {
  status: number;
  body: Record<string, unknown> | undefined;
  ms: number;
}

/** One request over a raw socket, so the test controls framing, encoding and pacing. */
function request(
  path: string,
  opts: { headers?: Record<string, string | number>; chunks?: (Buffer | string)[]; gapMs?: number; stallAfter?: number } = {},
): Promise<Answer> {
  const started = Date.now();
  let answered = false;
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', ...opts.headers } }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode!, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined, ms: Date.now() - started });
        req.destroy();
      });
    });
    req.on('error', reject);
    const chunks = opts.chunks ?? [];
    void (async () => {
      for (let i = 0; i < chunks.length; i++) {
        // Like a real client, stop uploading once the server has answered (413, 408).
        if (answered || req.destroyed) return;
        if (opts.stallAfter !== undefined && i >= opts.stallAfter) return; // never finishes
        if (!req.write(chunks[i])) await new Promise((r) => req.once('drain', r).once('close', r));
        if (opts.gapMs) await new Promise((r) => setTimeout(r, opts.gapMs));
      }
      if (!answered && !req.destroyed) req.end();
    })();
  });
}

const json = (path: string, body: unknown, headers: Record<string, string> = {}) => request(path, { chunks: [JSON.stringify(body)], headers });
const event = (extra: Record<string, unknown> = {}): Record<string, unknown> & { insert_id: string } => ({ user_id: `hostile-${randomBytes(4).toString('hex')}`, event_type: 'Hostile', insert_id: randomBytes(8).toString('hex'), ...extra });

async function stillServing(): Promise<void> {
  const answer = await json('/2/httpapi', { api_key: apiKey, events: [event()] });
  expect(answer.status).toBe(200);
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
}

function expectClean(answer: Answer, statuses: number[]): void {
  expect(statuses).toContain(answer.status);
  expect(answer.body?.code).toBe(answer.status);
}

/** The queued events of every ingest job, by insert_id. */
async function queuedEvents(): Promise<Map<string, Record<string, unknown>>> {
  const jobs = await ingestQueue().getJobs(['wait', 'active', 'delayed', 'prioritized']);
  return new Map(jobs.flatMap((j) => j.data.events.map((e) => [String(e.insert_id), e] as const)));
}

describe('huge and endless bodies', () => {
  it('answers 413 to a declared size over the limit, before the body arrives', async () => {
    const answer = await request('/2/httpapi', { headers: { 'Content-Length': 50 * 1024 * 1024 }, chunks: ['{"api_key":"'], stallAfter: 1 });
    expectClean(answer, [413]);
    expect(answer.ms).toBeLessThan(1_000);
  });

  it.each(PATHS)('%s: answers 413 to a chunked body that never stops growing', async (path) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const answer = await request(path, { headers: { 'Transfer-Encoding': 'chunked' }, chunks: Array.from({ length: 200 }, () => chunk) });
    expectClean(answer, [413]);
  });

  it('answers 413 to a gzip bomb (50 MB of zeros in 50 KB)', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const answer = await request('/batch', { headers: { 'Content-Encoding': 'gzip' }, chunks: [bomb] });
    expectClean(answer, [413]);
    await stillServing();
  });

  it('answers 413 to more events than allowed in one request', async () => {
    expectClean(await json('/2/httpapi', { api_key: apiKey, events: Array.from({ length: 51 }, () => event()) }), [413]);
  });
});

describe('broken encodings', () => {
  const valid = gzipSync(JSON.stringify({ api_key: apiKey, events: [event()] }));
  it.each([
    ['garbage', Buffer.from('definitely not gzip')],
    ['truncated', valid.subarray(0, Math.floor(valid.length / 2))],
    ['empty', Buffer.alloc(0)],
  ])('answers 400 to %s gzip', async (_name, body) => {
    expectClean(await request('/2/httpapi', { headers: { 'Content-Encoding': 'gzip' }, chunks: [body] }), [400]);
  });

  it.each(['br', 'deflate', 'gzip, gzip', 'x'.repeat(5_000)])('answers 400 to Content-Encoding %s', async (encoding) => {
    expectClean(await request('/2/httpapi', { headers: { 'Content-Encoding': encoding }, chunks: ['{}'] }), [400]);
  });

  it('answers 400 to bytes that are not UTF-8 JSON', async () => {
    expectClean(await request('/2/httpapi', { chunks: [Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80])] }), [400]);
    await stillServing();
  });
});

describe('deep nesting', () => {
  it('answers 400 to a body nested 100,000 levels deep', async () => {
    expectClean(await request('/2/httpapi', { chunks: ['['.repeat(30_000), ']'.repeat(30_000)] }), [400]);
    expectClean(await request('/batch', { chunks: [`{"api_key":"${apiKey}","events":${'['.repeat(100_000)}${']'.repeat(100_000)}}`] }), [400]);
  });

  it('answers 400 naming the event whose properties nest too deep, and keeps serving', async () => {
    const deep = `${'{"a":'.repeat(5_000)}"bottom"${'}'.repeat(5_000)}`;
    const body = `{"api_key":"${apiKey}","events":[${JSON.stringify(event())},{"user_id":"user-12345","event_type":"x","event_properties":${deep}}]}`;
    const answer = await request('/2/httpapi', { chunks: [body] });
    expectClean(answer, [400]);
    expect(JSON.stringify(answer.body)).toContain('event_properties');
    await stillServing();
  });

  it('drops deep values under unknown keys and keeps the event', async () => {
    const e = event();
    const body = `{"api_key":"${apiKey}","events":[${JSON.stringify(e).slice(0, -1)},"not_an_amplitude_field":${'['.repeat(20_000)}${']'.repeat(20_000)}}]}`;
    expectClean(await request('/2/httpapi', { chunks: [body] }), [200]);
    const queued = (await queuedEvents()).get(e.insert_id);
    expect(queued).toBeDefined();
    expect(queued).not.toHaveProperty('not_an_amplitude_field');
  });
});

describe('unicode and prototype keys', () => {
  const strings = ['名前', 'émoji 🎉👩‍👩‍👧', 'עברית مرحبا', 'zero\u200bwidth', 'combining e\u0301', 'lone \ud800 surrogate', 'nul \u0000 char', '\u2028\u2029'];

  it('queues every valid event as sent, whatever its characters (NUL and lone surrogates as U+FFFD)', async () => {
    const events = strings.map((s, i) =>
      event({ event_type: `${s} ${i}`, user_id: `user ${s} ${i}`, event_properties: { [s]: s, nested: { [s]: [s] } }, user_properties: { $set: { [s]: s } } }),
    );
    expectClean(await json('/batch', { api_key: apiKey, events }), [200]);
    const queued = await queuedEvents();
    for (const e of events) {
      const q = queued.get(e.insert_id)!;
      // Postgres cannot store those two; everything else arrives untouched.
      const storable = toStorableStrings({ event_type: e.event_type, user_id: e.user_id, event_properties: e.event_properties, user_properties: e.user_properties });
      expect(q).toMatchObject(storable);
    }
    const clean = events.filter((e) => JSON.stringify(toStorableStrings(e)) === JSON.stringify(e));
    expect(clean.length).toBeGreaterThan(4);
    for (const e of clean) expect(queued.get(e.insert_id)).toMatchObject({ event_type: e.event_type, event_properties: e.event_properties });
  });

  it('keeps __proto__, constructor and prototype keys as plain data and pollutes nothing', async () => {
    const hostile = JSON.parse(
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":"x","toString":"y","hasOwnProperty":1}',
    ) as Record<string, unknown>;
    const e = event({ event_properties: hostile, user_properties: { $set: hostile, $add: { constructor: 1 } } });
    const raw = JSON.stringify({ api_key: apiKey, events: [e] }).replace('"user_id"', '"__proto__":{"user_id":"x"},"constructor":1,"user_id"');
    const answer = await request('/2/httpapi', { chunks: [raw] });
    expectClean(answer, [200]);
    const q = (await queuedEvents()).get(e.insert_id)!;
    expect(Object.getPrototypeOf(q.event_properties)).toBe(Object.prototype);
    expect(Object.hasOwn(q.event_properties as object, '__proto__')).toBe(true);
    expect((q.event_properties as Record<string, unknown>).constructor).toEqual({ prototype: { polluted: 1 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const path of PATHS) expectClean(await request(path, { chunks: ['{"__proto__":{"api_key":"x","events":[{}]}}'] }), [400]);
    await stillServing();
  });
});

describe('wrong types', () => {
  it.each([
    ['api_key is a number', { api_key: 123, events: [{ user_id: 'user-12345', event_type: 'x' }] }],
    ['api_key is an object', { api_key: { toString: 'k' }, events: [] }],
    ['events is a string', { api_key: '__KEY__', events: 'x' }],
    ['events is an object', { api_key: '__KEY__', events: { 0: {} } }],
    ['an event is a number', { api_key: '__KEY__', events: [5] }],
    ['event_type is a number', { api_key: '__KEY__', events: [{ user_id: 'user-12345', event_type: 5 }] }],
    ['user_id is an object', { api_key: '__KEY__', events: [{ user_id: {}, event_type: 'x' }] }],
    ['time is text', { api_key: '__KEY__', events: [{ user_id: 'user-12345', event_type: 'x', time: 'yesterday' }] }],
    ['event_properties is an array', { api_key: '__KEY__', events: [{ user_id: 'user-12345', event_type: 'x', event_properties: [1] }] }],
    ['the body is an array', [{ api_key: '__KEY__' }]],
    ['the body is a string', 'hello'],
    ['the body is null', null],
  ])('answers 400 when %s', async (_name, body) => {
    const text = JSON.stringify(body).replaceAll('__KEY__', apiKey);
    for (const path of ['/2/httpapi', '/batch']) expectClean(await request(path, { chunks: [text] }), [400]);
  });
});

describe('slow uploads', () => {
  it('takes a body that trickles in within the time limit', async () => {
    const body = JSON.stringify({ api_key: apiKey, events: [event()] });
    const chunks = body.match(/.{1,8}/g)!;
    expectClean(await request('/2/httpapi', { chunks, gapMs: 1_000 / chunks.length }), [200]);
  });

  it('answers 408 to a body that stops arriving, and serves others meanwhile', async () => {
    const stalled = request('/2/httpapi', { headers: { 'Content-Length': 1_000 }, chunks: ['{"api_key":', '"x"'], stallAfter: 1 });
    const started = Date.now();
    await stillServing();
    expect(Date.now() - started).toBeLessThan(1_000);
    expectClean(await stalled, [408]);
  });
});

describe('arbitrary bytes and headers', () => {
  it('never answers a 5xx other than 503, nor drops the connection', async () => {
    const headers = fc.record(
      {
        'Content-Type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''),
        'Content-Encoding': fc.constantFrom('gzip', 'identity', 'GZIP', ' gzip '),
      },
      { requiredKeys: ['Content-Type'] },
    );
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)),
      fc.json().map((s) => Buffer.from(s)),
      fc.json().map((s) => gzipSync(s)),
      fc.string().map((s) => Buffer.from(`api_key=${apiKey}&identification=${encodeURIComponent(s)}`)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), headers, body, async (path, h, b) => {
        const answer = await request(path, { headers: h, chunks: [b] });
        expect(answer.status < 500 || answer.status === 503).toBe(true);
        expect(answer.body?.code).toBe(answer.status);
      }),
      { numRuns: 200 },
    );
    await stillServing();
  });
});
