/**
 * Reads what a benchmark left in a BullMQ queue: job counts by state and the number of items
 * (e.g. events) the waiting jobs carry. Job data is read raw (bytes, not parsed) in pipelined
 * pages, so checking a queue of half a gigabyte takes a few seconds and bounded memory; the
 * caller counts items in the bytes.
 */
import type { Queue } from 'bullmq';
import type { RedisClient } from '@/lib/queue/connection';

/** Jobs per round trip: 1,000-event jobs are ~1 MB each. */
const PAGE = 50;

export interface QueueContents {
  counts: Record<string, number>;
  waitingJobs: number;
  /** Sum of `countItems(job data)` over the waiting jobs. */
  items: number;
  /** Waiting jobs whose data could not be read or parsed. */
  unreadable: number;
  seconds: number;
}

/** `countItems` gets each waiting job's data (its JSON text) and throws when it is malformed. */
export async function readWaitingJobs(redis: RedisClient, queue: Queue, countItems: (data: Buffer) => number): Promise<QueueContents> {
  const startedAt = performance.now();
  const counts = (await queue.getJobCounts()) as Record<string, number>;
  const waitKey = queue.keys.wait!;
  const total = await redis.llen(waitKey);
  let items = 0;
  let unreadable = 0;
  for (let start = 0; start < total; start += PAGE) {
    const ids = await redis.lrange(waitKey, start, start + PAGE - 1);
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hgetBuffer(queue.toKey(id), 'data');
    for (const [err, data] of (await pipeline.exec()) ?? []) {
      try {
        if (err || !Buffer.isBuffer(data)) throw err ?? new Error('no data');
        items += countItems(data);
      } catch {
        unreadable++;
      }
    }
  }
  return { counts, waitingJobs: total, items, unreadable, seconds: Math.round((performance.now() - startedAt) / 100) / 10 };
}
