/** One worker at a time judges sync health: the lease is held, renewed and released by its owner only. */
import { describe, expect, it } from 'vitest';
import { evaluatorLeaseKey, holdEvaluatorLease, releaseEvaluatorLease } from '@/lib/health-states/evaluator-lease';
import { waitFor } from '@/test/processes';
import { scratchRedisForFile } from '@/test/scratch-redis';

const scratch = scratchRedisForFile('health-lease');

describe('the health evaluator lease', () => {
  it('goes to one worker, is renewed by it, and passes on when released or expired', async () => {
    const redis = scratch.redis();
    const { prefix } = scratch;
    expect(await holdEvaluatorLease(redis, prefix, 'worker-a', 10_000)).toBe(true);
    expect(await holdEvaluatorLease(redis, prefix, 'worker-b', 10_000)).toBe(false);
    // Renewal extends the holder's lease.
    await redis.pexpire(evaluatorLeaseKey(prefix), 500);
    expect(await holdEvaluatorLease(redis, prefix, 'worker-a', 10_000)).toBe(true);
    expect(await redis.pttl(evaluatorLeaseKey(prefix))).toBeGreaterThan(5_000);
    // Only the holder releases it.
    await releaseEvaluatorLease(redis, prefix, 'worker-b');
    expect(await holdEvaluatorLease(redis, prefix, 'worker-b', 10_000)).toBe(false);
    await releaseEvaluatorLease(redis, prefix, 'worker-a');
    expect(await holdEvaluatorLease(redis, prefix, 'worker-b', 200)).toBe(true);
    // A holder that stops renewing (a dead worker) loses it when it expires.
    await redis.pexpire(evaluatorLeaseKey(prefix), 1);
    await waitFor(async () => (await redis.exists(evaluatorLeaseKey(prefix))) === 0, { what: 'the lease to expire' });
    expect(await holdEvaluatorLease(redis, prefix, 'worker-a', 10_000)).toBe(true);
  });
});
