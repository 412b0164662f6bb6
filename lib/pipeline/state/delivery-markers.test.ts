import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { DeliveryMarkers } from '@/lib/pipeline/state/delivery-markers';

function flakyRedis(failures: number) {
  const writes: string[] = [];
  let left = failures;
  const redis = {
    set: async (key: string, value: string) => {
      if (left-- > 0) throw new Error('connect ECONNREFUSED');
      writes.push(`${key}=${value}`);
      return 'OK';
    },
  } as unknown as Redis;
  return { redis, writes };
}

describe('DeliveryMarkers.markAccepted', () => {
  it('keeps trying while Redis is briefly unreachable: a lost "accepted" would mean a re-send', async () => {
    const { redis, writes } = flakyRedis(3);
    await new DeliveryMarkers(redis, 'p', 60).markAccepted('job-1', 5_000);
    expect(writes).toEqual(['p:sent:job-1=accepted']);
  });

  it('gives up after its patience, so the job is retried rather than stuck', async () => {
    const { redis } = flakyRedis(1_000);
    await expect(new DeliveryMarkers(redis, 'p', 60).markAccepted('job-1', 300)).rejects.toThrow(/ECONNREFUSED/);
  });
});
