/**
 * Group commit of ingest jobs against a real Redis and BullMQ: a request alone is its own job at
 * once; requests that arrive during an add go together in the next job, in arrival order, never
 * past the cap and never across projects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_MERGED_JOB } from '@/lib/queue/ingest-batches';
import { closeQueues, enqueueIngest, ingestQueue, warmUpProducer } from '@/lib/queue/queues';
import type { IngestJob } from '@/lib/queue/contracts';

beforeAll(async () => {
  // Its own queues: no worker of another test file takes these jobs.
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-batches`;
  await warmUpProducer();
});

afterAll(async () => {
  await ingestQueue().obliterate({ force: true });
  await closeQueues();
});

let requestNo = 0;

function request(projectId: string, events: number, receivedAt = Date.now()): IngestJob {
  const n = ++requestNo;
  return {
    projectId,
    receivedAt,
    events: Array.from({ length: events }, (_, i) => ({ event_type: 'Batched', user_id: `user-${i % 7}`, insert_id: `r${n}-e${i}`, time: receivedAt })),
  };
}

/** The project's waiting ingest jobs, in the order they were added. */
async function jobsOf(projectId: string): Promise<IngestJob[]> {
  const jobs = (await ingestQueue().getWaiting(0, -1)).filter((j) => j.data.projectId === projectId);
  return jobs.sort((a, b) => Number(a.id) - Number(b.id)).map((j) => j.data);
}

const idsOf = (jobs: readonly IngestJob[]) => jobs.flatMap((j) => j.events.map((e) => e.insert_id));

describe('ingest jobs: group commit', () => {
  it('adds a request that arrives alone at once, as its own job', async () => {
    const sent = [request('alone', 5), request('alone', 3)];
    for (const job of sent) await enqueueIngest(job);
    const jobs = await jobsOf('alone');
    expect(jobs.map((j) => j.events.length)).toEqual([5, 3]);
    expect(idsOf(jobs)).toEqual(idsOf(sent));
  });

  it('adds the requests that arrive during an add as one job, in arrival order, from the earliest receivedAt', async () => {
    const base = Date.now();
    // The first one's add starts at once; the eleven after it arrive while it is in flight.
    const sent = Array.from({ length: 12 }, (_, i) => request('busy', 10, base + (i === 5 ? -1_000 : i)));
    await Promise.all(sent.map((job) => enqueueIngest(job)));
    const jobs = await jobsOf('busy');
    expect(jobs.map((j) => j.events.length)).toEqual([10, 110]);
    expect(idsOf(jobs)).toEqual(idsOf(sent));
    expect(jobs[1]!.receivedAt).toBe(base - 1_000);
    // The requests' own jobs were not changed by the merge.
    expect(sent.map((j) => j.events.length)).toEqual(Array(12).fill(10));
  });

  it(`never puts more than ${MAX_EVENTS_PER_MERGED_JOB} events in a merged job, nor two projects' events in one`, async () => {
    const size = Math.floor(MAX_EVENTS_PER_MERGED_JOB * 0.375);
    const sent = Array.from({ length: 12 }, (_, i) => request(i % 2 === 0 ? 'capped' : 'other', size));
    await Promise.all(sent.map((job) => enqueueIngest(job)));
    for (const projectId of ['capped', 'other']) {
      const jobs = await jobsOf(projectId);
      const own = sent.filter((j) => j.projectId === projectId);
      expect(idsOf(jobs)).toEqual(idsOf(own));
      expect(jobs.length).toBeLessThan(own.length);
      for (const job of jobs) expect(job.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_MERGED_JOB);
    }
  });
});
