/**
 * De-duplication by insert_id against a real Redis: Amplitude's scope (device, else user), the
 * first occurrence kept within a request and across requests, and a job run again keeping its
 * own claims.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dropDuplicates, type DedupEvent } from '@/lib/ingest/dedup';
import { closeQueues, producerConnection } from '@/lib/queue/queues';

afterAll(async () => {
  await closeQueues();
});

type Event = DedupEvent & { n: number };

function run(projectId: string, claimant: string, events: Event[]) {
  return dropDuplicates(producerConnection(), { prefix: process.env.QUEUE_PREFIX!, projectId, claimant, windowMs: 60_000 }, events);
}

const numbers = (events: readonly Event[]) => events.map((e) => e.n);

describe('dropDuplicates', () => {
  it('keeps events without an insert_id and the first of each (scope, insert_id) in a request', async () => {
    const project = randomUUID();
    const same = { n: 5, insert_id: 'x', user_id: 'u1' };
    const events: Event[] = [
      { n: 0, insert_id: 'a', device_id: 'd1' },
      { n: 1, insert_id: 'a', device_id: 'd1' }, // a copy: dropped
      { n: 2, insert_id: 'a', device_id: 'd2' }, // another device: kept
      { n: 3, device_id: 'd1' }, // no insert_id: kept
      { n: 4, insert_id: '', user_id: 'u1' }, // empty insert_id: kept
      same,
      same, // the same object twice: the second is a duplicate
      { n: 6, insert_id: 'a', user_id: 'u1' }, // by user when there is no device: kept
      { n: 7, insert_id: 'a', user_id: 'u1', device_id: 'd1' }, // by device first: a copy of 0
    ];
    const result = await run(project, 'job-1', events);
    expect(numbers(result.kept)).toEqual([0, 2, 3, 4, 5, 6]);
    expect(result.kept[4]).toBe(same);
    expect(result.duplicates).toBe(3);
  });

  it('drops what another job claimed, and lets the claiming job run again', async () => {
    const project = randomUUID();
    // More keys than one claim script takes at once.
    const events: Event[] = Array.from({ length: 1_234 }, (_, n) => ({ n, insert_id: `id-${n}`, device_id: `d-${n % 7}` }));
    expect((await run(project, 'job-1', events)).kept).toHaveLength(1_234);
    // The same job after a crash: its own claims are not duplicates.
    expect((await run(project, 'job-1', events)).kept).toHaveLength(1_234);
    const again = await run(project, 'job-2', [...events.slice(600, 700), { n: 5_000, insert_id: 'new', device_id: 'd-0' }]);
    expect(numbers(again.kept)).toEqual([5_000]);
    expect(again.duplicates).toBe(100);
    // Another project has its own scope.
    expect((await run(randomUUID(), 'job-3', events.slice(0, 10))).kept).toHaveLength(10);
  });
});
