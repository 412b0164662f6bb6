/**
 * A master of the Redis Cluster killed mid-stream (SIGKILL, as a crash would) and started again
 * from its append-only file (`appendfsync always`, as docs/deploy.md asks of Redis): every event
 * the app accepted reaches Braze. Requests the app refused meanwhile (503) are sent again by the
 * client, as the SDKs do, and arrive too; what was sent twice is counted as possible duplicates.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBraze } from '@/test/fakes/braze';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import type { IngestServer } from '@/test/ingest-server';
import { clusterPipelineForFile, expectEveryEventDuplicatesCounted, masterOf, type ClusterRig } from '@/test/pipeline/cluster-rig';
import { startProcess, waitFor, waitForOutput, type RunningProcess } from '@/test/processes';

const PARTITIONS = 3;
const rig = clusterPipelineForFile({ partitions: PARTITIONS, persistent: true, prefix: (_client, base) => `${base}-kill` });
let setup: ClusterRig;
let braze: FakeBraze;
let ingest: IngestServer;
const running: RunningProcess[] = [];

beforeAll(() => {
  setup = rig();
  ({ braze, ingest } = setup);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.kill('SIGTERM')));
});

describe('on a Redis Cluster whose master is killed', () => {
  it('delivers every event of every request, accepted at once or sent again after a 503', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, braze.url);
    const worker = startProcess('worker/main.ts', { WORKER_LOCK_MS: '2000', DELIVERY_LINGER_MS: '30', LOG_LEVEL: 'info' });
    running.push(worker);
    await waitForOutput(worker, /worker started/);
    const events = makeEvents(1_500, { users: 300, baseTime: Date.UTC(2026, 9, 8) });
    const victim = await masterOf(setup.client, `{${setup.prefix}:p1}`);
    // Braze answers slowly at first, so that when the master dies some of its jobs are being
    // sent and others still wait in its queue.
    braze.injectFaults(...Array.from({ length: 12 }, () => ({ slowMs: 400 })));
    const requestAt = (i: number) => events.slice(i * 100, (i + 1) * 100);
    for (let i = 0; i < 15; i++) {
      if (i === 5) {
        await setup.cluster.kill(victim);
        // While the master is down, a request (its users are in every partition) is refused.
        await waitFor(async () => (await postEvents(ingest.url, project.apiKey, requestAt(i))).status === 503, { what: 'a 503 while the master is down' });
        await setup.cluster.restart(victim);
      }
      // As an SDK does: a request answered 503 is sent again until it is taken.
      await waitFor(
        async () => {
          const { status } = await postEvents(ingest.url, project.apiKey, requestAt(i));
          if (status !== 200 && status !== 503) throw new Error(`request ${i} answered ${status}`);
          return status === 200;
        },
        { what: `request ${i} accepted`, timeoutMs: 60_000 },
      );
    }
    // A request sent while its answer could not be recorded may come twice: each such send is counted.
    await expectEveryEventDuplicatesCounted(braze, events, sync.id, { timeoutMs: 120_000, maxDuplicates: 300 });
    expect(worker.child.exitCode).toBeNull();
  }, 300_000);
});
