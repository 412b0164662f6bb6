/**
 * The pipeline on a Redis Cluster (a real local one of three masters, test/redis-cluster.ts):
 * the app's ingestion handler and worker processes, three partitions, two workers that consume
 * overlapping subsets of them (WORKER_PARTITIONS). Nothing is lost, even when the only worker
 * of a partition is killed mid-stream; a user's attribute updates and events reach Braze in the
 * order sent; and the keys really spread over the three masters.
 */
import type { Cluster } from 'ioredis';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkHealth } from '@/lib/health/check';
import { enqueueIngest, everyPartition, forwardQueue, ingestQueue, queuePartitions } from '@/lib/queue/queues';
import type { FakeBraze } from '@/test/fakes/braze';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import type { IngestServer } from '@/test/ingest-server';
import { clusterPipelineForFile, expectEveryEventDuplicatesCounted, masterOf } from '@/test/pipeline/cluster-rig';
import { expectPerUserOrder, planPerUserOrder } from '@/test/pipeline/per-user-order';
import { startProcess, waitFor, waitForOutput, type RunningProcess } from '@/test/processes';

const PARTITIONS = 3;

/**
 * A queue prefix whose three partitions sit on three different masters. Which master a
 * partition's tag lands on is the slot map's business; the test picks a prefix for which it is
 * one each, so that the spread it checks is the product's and not luck.
 */
async function prefixSpreadOverMasters(client: Cluster, base: string): Promise<string> {
  for (let n = 0; n < 200; n++) {
    const candidate = `${base}-c${n}`;
    const masters = await Promise.all(Array.from({ length: PARTITIONS }, (_, p) => masterOf(client, `{${candidate}:p${p}}`)));
    if (new Set(masters).size === PARTITIONS) return candidate;
  }
  throw new Error('no prefix spreads three partitions over three masters');
}

const rig = clusterPipelineForFile({ partitions: PARTITIONS, prefix: prefixSpreadOverMasters });
let client: Cluster;
let braze: FakeBraze;
let ingest: IngestServer;
let prefix: string;
const running: RunningProcess[] = [];

function startWorker(partitions: string): RunningProcess {
  const worker = startProcess('worker/main.ts', { WORKER_PARTITIONS: partitions, WORKER_LOCK_MS: '2000', DELIVERY_LINGER_MS: '30', LOG_LEVEL: 'info' });
  running.push(worker);
  return worker;
}

beforeAll(() => {
  ({ client, braze, ingest, prefix } = rig());
});

beforeEach(() => braze.reset());
// Each test's workers stop after it, passed or failed, so none takes the next test's jobs.
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.kill('SIGTERM')));
});

const keyOf = (o: Record<string, unknown>) => `${String(o.external_id)}|${String(o.name)}|${String(o.time)}`;

describe('on a Redis Cluster with three partitions and two workers', () => {
  it('delivers every accepted event, also after the only worker of a partition is killed mid-stream', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, braze.url);
    // Partition 0 is only A's, partition 2 only B's, partition 1 both's.
    const a = startWorker('0-1');
    const b = startWorker('1,2');
    await Promise.all([a, b].map((w) => waitForOutput(w, /worker started/)));
    const events = makeEvents(1_500, { users: 300, baseTime: Date.UTC(2026, 9, 5) });
    let replacement: RunningProcess | undefined;
    for (let i = 0; i < 15; i++) {
      expect((await postEvents(ingest.url, project.apiKey, events.slice(i * 100, (i + 1) * 100))).status).toBe(200);
      if (i === 6) {
        await a.kill('SIGKILL');
        // Until it is replaced, partition 0's jobs wait; then they are all delivered.
        replacement = startWorker('0');
      }
    }
    await waitForOutput(replacement!, /worker started/);
    // Only what the killed worker had in flight may come twice, and each such send is counted.
    await expectEveryEventDuplicatesCounted(braze, events, sync.id, { timeoutMs: 90_000, maxDuplicates: 300 });
  });

  it('delivers exactly once without failures, and spreads the keys over the three masters', async () => {
    const project = await createProject();
    await createEnabledSync(project.id, braze.url);
    const workers = [startWorker('0-2'), startWorker('0-2')];
    await Promise.all(workers.map((w) => waitForOutput(w, /worker started/)));
    const events = makeEvents(600, { users: 120, baseTime: Date.UTC(2026, 9, 6) });
    for (let i = 0; i < 6; i++) expect((await postEvents(ingest.url, project.apiKey, events.slice(i * 100, (i + 1) * 100))).status).toBe(200);
    await waitFor(() => braze.events().length >= events.length, { what: 'all 600 events', timeoutMs: 60_000 });
    const received = braze.events().map((e) => keyOf(e.object));
    expect(received).toHaveLength(events.length);
    expect(new Set(received).size).toBe(events.length);

    // Every master holds keys of its own partition (queues, insert_id claims, markers).
    const masters = client.nodes('master');
    const perMaster = await Promise.all(
      masters.map(async (node) => {
        const counts = Array.from({ length: PARTITIONS }, () => 0);
        let cursor = '0';
        do {
          const [next, keys] = await node.scan(cursor, 'MATCH', `{${prefix}:p*`, 'COUNT', 1000);
          for (const key of keys) counts[Number(/^\{[^}]*:p(\d+)\}/.exec(key)![1])]! += 1;
          cursor = next;
        } while (cursor !== '0');
        return counts;
      }),
    );
    // Each master holds exactly one partition's keys, and every partition has keys.
    expect(perMaster.map((counts) => counts.filter((n) => n > 0).length)).toEqual([1, 1, 1]);
    expect(perMaster.flat().filter((n) => n > 0)).toHaveLength(PARTITIONS);
  });

  it("sends each user's attribute updates in event-time order, before that user's later events", async () => {
    const project = await createProject();
    await createEnabledSync(project.id, braze.url, { sendUsers: true, userProperties: ['plan'] });
    const workers = [startWorker('0-2'), startWorker('0-2')];
    await Promise.all(workers.map((w) => waitForOutput(w, /worker started/)));
    const users = Array.from({ length: 30 }, (_, u) => `cluster-order-${u}`);
    // As in lib/pipeline/scale-out.int.test.ts: step k of every user in request k, even steps
    // change the plan, odd ones are events only; Braze fails or delays some requests.
    const plan = planPerUserOrder(users, 6, Date.UTC(2026, 9, 7, 10));
    braze.injectFaults(...Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? { status: 503 as const } : { slowMs: i % 3 === 1 ? 400 : 0 })));
    for (const events of plan.requests) {
      expect((await postEvents(ingest.url, project.apiKey, events)).status).toBe(200);
      await waitFor(
        async () => {
          const counts = await Promise.all(everyPartition(ingestQueue).map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
          return counts.every((c) => Object.values(c).every((n) => n === 0));
        },
        { what: 'the request fanned out' },
      );
    }
    await waitFor(() => braze.events().length >= users.length * plan.requests.length, { what: 'every event', timeoutMs: 60_000 });
    await waitFor(() => users.every((u) => braze.profiles().find((p) => p.external_id === u)?.custom_attributes.plan === plan.newest), {
      what: 'the newest plan of every user',
      timeoutMs: 30_000,
    });
    expect(braze.events()).toHaveLength(users.length * plan.requests.length);
    expectPerUserOrder(braze, plan);
  });

  it("splits a request into one ingest job per partition, its forward job in the first one's transaction", async () => {
    const partitions = queuePartitions();
    // Fixed, so the users' partitions are too: 30 users reach all three (the cluster is the file's own).
    const projectId = 'split-project';
    const events = Array.from({ length: 30 }, (_, i) => ({ event_type: 'Split', user_id: `split-user-${i}`, insert_id: `split-${i}`, time: Date.now() }));
    await enqueueIngest({ projectId, receivedAt: Date.now(), events }, 1_000, { projectId, receivedAt: Date.now(), api: 'httpapi', events });
    const queued = await Promise.all(everyPartition(ingestQueue).map(async (q) => (await q.getWaiting()).filter((j) => j.data.projectId === projectId)));
    // Every partition got the events of its own users, in the order sent, and nothing else.
    expect(queued.map((jobs) => jobs.length)).toEqual([1, 1, 1]);
    queued.forEach((jobs, p) => {
      const ids = jobs[0]!.data.events.map((e) => e.insert_id);
      expect(ids).toEqual(events.filter((e) => partitions.ofEvent(projectId, e) === p).map((e) => e.insert_id));
    });
    // One forward job, with every event, beside one of the ingest jobs (one MULTI, one slot).
    const forwards = await Promise.all(everyPartition(forwardQueue).map(async (q) => (await q.getWaiting()).filter((j) => j.data.projectId === projectId)));
    expect(forwards.flat()).toHaveLength(1);
    expect(forwards.flat()[0]!.data.events).toHaveLength(events.length);
    await Promise.all([...queued.flat(), ...forwards.flat()].map((job) => job.remove()));
  });

  it('reports as degraded while a partition has no live worker', async () => {
    // The earlier tests' workers report for up to 15 s after they stopped: only this one may count.
    await waitFor(async () => (await checkHealth()).checks.workers.count === 0, { what: 'no worker reporting', timeoutMs: 30_000 });
    const worker = startWorker('1');
    await waitForOutput(worker, /worker started/);
    const health = await waitFor(async () => {
      const report = await checkHealth();
      return report.checks.workers.count === 1 ? report : null;
    }, { what: "the worker's heartbeat" });
    expect(health.status).toBe('degraded');
    expect(health.checks.workers.detail).toBe('no live worker consumes partition 0, 2 (WORKER_PARTITIONS): its events wait');
  });
});
