/** The worker process stops gracefully on SIGTERM and loses nothing when killed. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { startFakeBraze, type FakeBraze } from '@/test/fakes/braze';
import { closeQueues, ingestQueue } from '@/lib/queue/queues';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import { startIngestServer } from '@/test/ingest-server';
import { startProcess, waitFor, waitForOutput } from '@/test/processes';

let braze: FakeBraze;
let ingest: Awaited<ReturnType<typeof startIngestServer>>;
let workerEnv: Record<string, string>;

beforeAll(async () => {
  braze = await startFakeBraze();
  process.env.BRAZE_CUSTOM_ENDPOINTS = braze.url;
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-lifecycle`;
  ingest = await startIngestServer();
  workerEnv = { BRAZE_CUSTOM_ENDPOINTS: braze.url, QUEUE_PREFIX: process.env.QUEUE_PREFIX, LOG_LEVEL: 'info', WORKER_LOCK_MS: '2000' };
});

afterAll(async () => {
  await ingest?.close();
  await braze?.close();
  await closeQueues();
  await disconnectPrisma();
});

beforeEach(() => braze.reset());

const uniqueEvents = () => new Set(braze.events().map((e) => `${String(e.object.external_id)}|${String(e.object.time)}`));

describe('worker lifecycle', () => {
  it('on SIGTERM sends what is waiting, finishes its jobs and exits 0', async () => {
    const worker = startProcess('worker/main.ts', { ...workerEnv, DELIVERY_LINGER_MS: '9000' });
    await waitForOutput(worker, /worker started/);
    const project = await createProject();
    await createEnabledSync(project.id, braze.url);
    await postEvents(ingest.url, project.apiKey, makeEvents(30));
    // Wait until the ingest job runs: its objects' first attempt lingers in the worker, waiting for company.
    await waitFor(async () => ((await ingestQueue().getJobCounts('active')).active ?? 0) > 0, { what: 'an active ingest job' });
    expect(braze.events()).toHaveLength(0);

    const stopAt = Date.now();
    const code = await worker.kill('SIGTERM');
    // It sent the waiting jobs at once instead of sitting out the 9 s linger.
    expect(Date.now() - stopAt).toBeLessThan(6_000);
    expect(code).toBe(0);
    expect(worker.output()).toMatch(/worker stopped/);
    expect(braze.events()).toHaveLength(30);
    expect(braze.requests().filter((r) => r.path === '/users/track')).toHaveLength(1);
  });

  it('after SIGKILL mid-request, another worker delivers everything and counts the possible duplicates', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, braze.url);
    // Braze holds the first request long enough for the worker to die while waiting for it.
    braze.injectFaults({ timeoutMs: 3_000 });
    const first = startProcess('worker/main.ts', { ...workerEnv, DELIVERY_LINGER_MS: '20' });
    await waitForOutput(first, /worker started/);
    await postEvents(ingest.url, project.apiKey, makeEvents(40));
    await waitFor(() => braze.requests().length > 0 || null, { what: 'the request to reach Braze' });
    await first.kill('SIGKILL');

    const second = startProcess('worker/main.ts', { ...workerEnv, DELIVERY_LINGER_MS: '20' });
    try {
      await waitFor(() => uniqueEvents().size === 40, { what: 'all 40 events delivered', timeoutMs: 45_000 });
      expect(uniqueEvents().size).toBe(40);
      // The first attempt's outcome was unknown when the worker died: the re-send is counted.
      const dup = await waitFor(async () => {
        const rows = await prisma().syncMinuteMetric.findMany({ where: { syncId: sync.id } });
        const n = rows.reduce((a, r) => a + r.possibleDuplicates, 0);
        return n > 0 ? n : null;
      }, { what: 'possible duplicates counted' });
      expect(dup).toBe(40);
    } finally {
      await second.kill('SIGTERM');
    }
  });
});
