/**
 * Delivery markers against a real Redis and a real BullMQ worker: one atomic claim per attempt,
 * only by the attempt holding the job's lock, and no attempt clears another's `pending`.
 */
import { Queue, Worker } from 'bullmq';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeliveryMarkers, type Claim } from '@/lib/pipeline/state/delivery-markers';
import { createRedisConnection, type RedisClient } from '@/lib/queue/connection';
import { QUEUE_NAMES, jobLockKey } from '@/lib/queue/contracts';
import { scratchRedisForFile } from '@/test/scratch-redis';

const scratch = scratchRedisForFile('markers-test');
const { prefix } = scratch;
let redis: RedisClient;
const lockOf = (jobId: string) => jobLockKey(prefix, QUEUE_NAMES.deliver, jobId);

beforeAll(() => {
  redis = scratch.redis();
});

describe('DeliveryMarkers', () => {
  it('claims atomically: the first attempt finds nothing, a later one finds its pending, none after acceptance', async () => {
    const markers = new DeliveryMarkers(redis, prefix, 60);
    await redis.set(lockOf('j1'), 'run-a');
    expect(await markers.claim('j1', 'run-a')).toBeNull();
    // BullMQ gave the job to another attempt (run-a stalled past its lock).
    await redis.set(lockOf('j1'), 'run-b');
    expect(await markers.claim('j1', 'run-a')).toBe('lost');
    expect(await markers.claim('j1', 'run-b')).toBe('pending');
    await markers.markAccepted('j1');
    expect(await markers.claim('j1', 'run-b')).toBe('accepted');
    expect(await redis.get(`${prefix}:sent:j1`)).toBe('accepted');
  });

  it("never clears another attempt's pending: a re-send after an unknown outcome stays counted", async () => {
    const markers = new DeliveryMarkers(redis, prefix, 60);
    await redis.set(lockOf('j2'), 'run-a');
    expect(await markers.claim('j2', 'run-a')).toBeNull();
    await redis.set(lockOf('j2'), 'run-b');
    expect(await markers.claim('j2', 'run-b')).toBe('pending');
    // run-a's request got a 429 (certainly not processed): it may clear only its own marker.
    await markers.clear('j2', 'run-a');
    await redis.set(lockOf('j2'), 'run-c');
    expect(await markers.claim('j2', 'run-c')).toBe('pending');
    await markers.clear('j2', 'run-c');
    expect(await redis.exists(`${prefix}:sent:j2`)).toBe(0);
  });

  it("reads BullMQ's own lock: an attempt holding it may claim, one with another token may not", async () => {
    const markers = new DeliveryMarkers(redis, prefix, 60);
    const connection = createRedisConnection('worker');
    const queue = new Queue(QUEUE_NAMES.deliver, { connection, prefix });
    const seen: Claim[] = [];
    const worker = new Worker(
      QUEUE_NAMES.deliver,
      async (job, token) => {
        seen.push(await markers.claim(job.id!, 'not-the-lock-token'));
        seen.push(await markers.claim(job.id!, token));
      },
      { connection: createRedisConnection('worker'), prefix },
    );
    try {
      const done = new Promise((resolve) => worker.once('completed', resolve));
      await queue.add('deliver', { n: 1 });
      await done;
      expect(seen).toEqual(['lost', null]);
    } finally {
      await worker.close();
      await queue.close();
      connection.disconnect();
    }
  });
});
