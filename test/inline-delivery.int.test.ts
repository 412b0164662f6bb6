/**
 * Inline first attempts (lib/pipeline/deliver/deliver-inline) with real processes: an ingest job
 * of 150 events makes two Braze requests of 75 itself. A worker killed after Braze accepted one
 * of them must not send that one again when the ingest job runs again; a request Braze fails
 * goes on through the deliver queue, reaches Braze once, and each event is counted once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { closeQueues } from '@/lib/queue/queues';
import type { Fault } from '@/test/fakes/braze';
import { eventKey, makeStreamEvents, type StreamEvent } from '@/test/faults/event-stream';
import { AppProcess, startFaultRig, WorkerPool, type FaultRig } from '@/test/faults/rig';
import { createEnabledSync, createProject } from '@/test/fixtures';
import { waitFor } from '@/test/processes';

let rig: FaultRig;
let app: AppProcess;

beforeAll(async () => {
  rig = await startFaultRig();
  app = new AppProcess(rig.productEnv);
  await app.start();
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await closeQueues();
  await disconnectPrisma();
  await rig?.close();
});

async function send(apiKey: string, events: StreamEvent[]): Promise<void> {
  const res = await fetch(`${app.url}/2/httpapi`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ api_key: apiKey, events }),
  });
  expect(res.status).toBe(200);
}

/** What Braze received of a test's events: one key per copy. */
function receivedOf(tag: string): string[] {
  return rig.braze
    .events()
    .filter((e) => String(e.object.external_id).startsWith(`${tag}-`))
    .map((e) => eventKey(e.object.external_id, e.object.time));
}

function unfinishedJobs(): number {
  const count = (type: string, key: string) => Number(rig.redis.cli(type, key));
  return ['ingest', 'deliver'].reduce((n, q) => {
    const key = (part: string) => `${rig.prefix}:${q}:${part}`;
    return n + count('llen', key('wait')) + count('llen', key('active')) + count('zcard', key('delayed'));
  }, 0);
}

/** Delivery markers of a sync's chunks that say Braze accepted them. */
function acceptedMarkers(syncId: string): string[] {
  const keys = rig.redis.cli('--scan', '--pattern', `${rig.prefix}:sent:*:${syncId}:*`).split('\n').filter(Boolean);
  return keys.filter((k) => rig.redis.cli('get', k) === 'accepted');
}

async function countsOf(syncId: string) {
  const { _sum } = await prisma().syncMinuteMetric.aggregate({
    where: { syncId },
    _sum: { delivered: true, deliveredFirstAttempt: true, deliveredAfterRetry: true, retried: true, possibleDuplicates: true, notDelivered: true },
  });
  return _sum;
}

/** Sends 150 events (two requests' worth) with Braze answering `faults` first; answers what Braze got. */
async function deliverThrough(tag: string, workerEnv: Record<string, string>, faults: Fault[], during: (syncId: string, workers: WorkerPool) => Promise<void>) {
  rig.braze.reset();
  const project = await createProject();
  const sync = await createEnabledSync(project.id, rig.braze.url);
  const workers = new WorkerPool({ ...rig.productEnv, ...workerEnv });
  await workers.start(1);
  try {
    rig.braze.injectFaults(...faults);
    const events = makeStreamEvents(tag, 150, 10);
    await send(project.apiKey, events);
    await during(sync.id, workers);
    await waitFor(() => new Set(receivedOf(tag)).size === events.length || null, { what: `the ${tag} events at Braze`, timeoutMs: 60_000 });
    await waitFor(() => unfinishedJobs() === 0 || null, { what: 'the queues to drain', timeoutMs: 60_000 });
  } finally {
    // A worker writes its last counters as it stops.
    await workers.stop();
  }
  return { syncId: sync.id, received: receivedOf(tag), requests: rig.braze.requests().filter((r) => r.path === '/users/track') };
}

describe('inline first attempts', () => {
  it('a request Braze accepted inline is not sent again when its ingest job runs again after the worker is killed', async () => {
    const { syncId, received } = await deliverThrough(
      'inline-crash',
      // The worker waits for Braze's answer to the hanging request as long as the test needs.
      { BRAZE_REQUEST_TIMEOUT_MS: '60000' },
      // One request answered at once, the other never: the ingest job is still running.
      [{ slowMs: 0 }, { timeoutMs: Infinity }],
      async (id, workers) => {
        await waitFor(() => acceptedMarkers(id).length === 1 || null, { what: 'one request accepted inline', timeoutMs: 30_000 });
        expect(unfinishedJobs()).toBe(1);
        await workers.killOldest();
        rig.braze.clearFaults();
        await workers.start(1);
      },
    );
    expect(received).toHaveLength(150);
    expect(new Set(received).size).toBe(150);
    const counts = await countsOf(syncId);
    expect(counts.delivered).toBe(150);
    // The hanging request's outcome was unknown, so its re-send is counted; the accepted one is not re-sent.
    expect(counts.possibleDuplicates).toBe(75);
  }, 120_000);

  it.each([
    ['a 503', { status: 503 }],
    ['a 429', { status: 429, resetInSeconds: 1 }],
  ] as [string, Fault & { status: number }][])('a request failing inline with %s reaches Braze once through the deliver queue, each event counted once', async (_name, fault) => {
    const tag = `inline-${fault.status}`;
    const { syncId, received, requests } = await deliverThrough(tag, {}, [fault], async () => undefined);
    expect(received).toHaveLength(150);
    expect(new Set(received).size).toBe(150);
    // Two inline requests, the failed one's retry from the deliver queue.
    expect(requests.map((r) => r.status).sort()).toEqual([201, 201, fault.status].sort());
    const counts = await countsOf(syncId);
    expect(counts).toMatchObject({ delivered: 150, deliveredFirstAttempt: 75, deliveredAfterRetry: 75, retried: 75, possibleDuplicates: 0, notDelivered: 0 });
  }, 120_000);
});
