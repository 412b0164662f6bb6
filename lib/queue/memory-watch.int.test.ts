/**
 * The memory watch's cost model against a real Redis configured as production runs it (append-only
 * file, noeviction): what an ingest job really adds to `used_memory` stays within the estimate
 * the ingestion API reserves for it, and the estimate is not so cautious that it wastes the room.
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '@/lib/queue/connection';
import { ingestJobOptions } from '@/lib/queue/contracts';
import { estimateJobMemory, readMemoryInfo } from '@/lib/queue/memory-watch';
import { startOwnRedis, type OwnRedis } from '@/test/own-redis';

let redis: OwnRedis;

beforeAll(async () => {
  redis = await startOwnRedis();
});

afterAll(async () => {
  await redis?.stop();
});

describe('estimateJobMemory', () => {
  it.each([1, 32, 256])('covers what a job of %i KB of events costs Redis', async (kb) => {
    const connection = createRedisConnection('worker', redis.url);
    const queue = new Queue('ingest', { connection, prefix: `mem-${randomBytes(3).toString('hex')}`, defaultJobOptions: ingestJobOptions });
    try {
      const pad = 'x'.repeat(900);
      const events = Array.from({ length: kb }, (_, i) => ({ user_id: `u-${i}`, event_type: 'Load', insert_id: `i-${i}`, event_properties: { pad } }));
      const job = { projectId: 'p', receivedAt: Date.now(), events };
      const bytes = JSON.stringify(job).length;
      await queue.add('ingest', job);
      const used = () => readMemoryInfo(redis.cli('info', 'memory')).used;
      const before = used();
      const n = 100;
      for (let i = 0; i < n; i++) await queue.add('ingest', job);
      const perJob = (used() - before) / n;
      expect(perJob).toBeLessThanOrEqual(estimateJobMemory(bytes));
      expect(perJob).toBeGreaterThan(estimateJobMemory(bytes) * 0.6);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });
});
