/**
 * A partly throttled request, answered as the official SDKs expect and followed through their
 * retries (Amplitude-TypeScript `destination.ts` handleRateLimitResponse: events at
 * `throttled_events` are resent after 30 s, the others at the next flush): every event is kept
 * once. The events taken from the first request are resent by the SDK, and the worker's
 * de-duplication by insert_id drops them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import { dropDuplicates } from '@/lib/ingest/dedup';
import { createIngestHandler } from '@/lib/ingest/http-handler';
import { RefusedUsers } from '@/lib/privacy/refused-users';
import { ProjectKeyCache } from '@/lib/projects/key-cache';
import { closeQueues, ingestQueue, producerConnection, warmUpProducer } from '@/lib/queue/queues';
import { createProject } from '@/test/fixtures';

let server: http.Server;
let url: string;
let apiKey: string;
let projectId: string;
const keys = new ProjectKeyCache({ refreshMs: 500 });
let clock = 1_800_000_000_000;

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-partial`;
  ({ apiKey, id: projectId } = await createProject());
  await Promise.all([keys.start(), warmUpProducer()]);
  const ingest = createIngestHandler({
    keys,
    refused: new RefusedUsers(),
    now: () => clock,
    // 10 events/s per id over 1 s: a budget of 10 events, refilled in a second.
    settings: { limits: { httpapi: {}, batch: {} }, userEps: { httpapi: 10, batch: 10 }, throttleWindowSeconds: 1 },
  });
  server = http.createServer((req, res) => ingest.handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  keys.stop();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await ingestQueue().obliterate({ force: true });
  await closeQueues();
  await disconnectPrisma();
});

type Event = { user_id: string; device_id: string; event_type: string; insert_id: string };

async function upload(events: Event[]) {
  const res = await fetch(`${url}/2/httpapi`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ api_key: apiKey, events }) });
  return { status: res.status, body: (await res.json()) as { throttled_events?: number[]; throttled_users?: object; throttled_devices?: object } };
}

describe('partial 429 and the SDK retries', () => {
  it('keeps every event exactly once', async () => {
    const hot = Array.from({ length: 12 }, (_, i): Event => ({ user_id: 'hot-user-1', device_id: 'hot-device-1', event_type: 'Hot', insert_id: `hot-${i}` }));
    const calm: Event = { user_id: 'calm-user-1', device_id: 'calm-device-1', event_type: 'Calm', insert_id: 'calm-1' };
    const first = [hot[0]!, calm, ...hot.slice(1)];

    const answer = await upload(first);
    expect(answer).toEqual({
      status: 429,
      body: expect.objectContaining({ throttled_events: [11, 12], throttled_users: { 'hot-user-1': 12 }, throttled_devices: { 'hot-device-1': 12 } }),
    });
    const throttled = answer.body.throttled_events!.map((i) => first[i]!);
    const retriedAtOnce = first.filter((_, i) => !answer.body.throttled_events!.includes(i));

    // Next flush (a second later: the budget has refilled): the events taken already are resent.
    clock += 1_000;
    expect((await upload(retriedAtOnce)).status).toBe(200);
    // 30 s later: the throttled ones.
    clock += 30_000;
    expect((await upload(throttled)).status).toBe(200);

    const jobs = (await ingestQueue().getWaiting()).filter((j) => j.data.projectId === projectId);
    const queued = jobs.flatMap((j) => j.data.events as Event[]);
    expect(queued).toHaveLength(first.length + retriedAtOnce.length);
    // What the worker does with each job, in order: nothing lost, nothing kept twice.
    const kept: Event[] = [];
    for (const job of jobs.sort((a, b) => a.timestamp - b.timestamp)) {
      const result = await dropDuplicates(producerConnection(), { prefix: process.env.QUEUE_PREFIX!, projectId, claimant: job.id!, windowMs: 60_000 }, job.data.events as Event[]);
      kept.push(...result.kept);
    }
    expect(kept.map((e) => e.insert_id).sort()).toEqual(first.map((e) => e.insert_id).sort());
  });
});
