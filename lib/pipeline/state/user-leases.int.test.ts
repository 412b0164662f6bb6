/** User leases against a real Redis: all-or-none taking, events wait only for held leases, renewal, expiry. */
import type { RedisClient } from '@/lib/queue/connection';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserLeases } from '@/lib/pipeline/state/user-leases';
import { waitFor } from '@/test/processes';
import { scratchRedisForFile } from '@/test/scratch-redis';

const scratch = scratchRedisForFile('leases-test');
const { prefix } = scratch;
let redis: RedisClient;
const leaseKey = (syncId: string, userKey: string) => `${prefix}:lease:{${syncId}}:${userKey}`;
/** Waits until Redis has expired these leases (their holder stopped renewing them). */
const expired = (keys: string[]) => waitFor(async () => (await redis.exists(...keys)) === 0, { what: `${keys.join(', ')} to expire` });

beforeAll(() => {
  redis = scratch.redis();
});

describe('UserLeases', () => {
  it('takes all leases or none, and lets a job with events only pass when no other job holds its users', async () => {
    const leases = new UserLeases(redis, prefix, 10_000);
    const sync = 'sync-a';
    expect(await leases.tryAcquire({ syncId: sync, take: ['u:1', 'u:2'], free: ['u:3'], owner: 'job-1' })).toBe(true);
    // Another job's attributes of u:2 wait, and taking u:4 with it did not happen either.
    expect(await leases.tryAcquire({ syncId: sync, take: ['u:4', 'u:2'], free: [], owner: 'job-2' })).toBe(false);
    expect(await leases.tryAcquire({ syncId: sync, take: ['u:4'], free: [], owner: 'job-3' })).toBe(true);
    await leases.release(sync, ['u:4'], 'job-3');
    // Events of a held user wait; of a free user (u:3 was only checked, not taken) pass.
    expect(await leases.tryAcquire({ syncId: sync, take: [], free: ['u:1'], owner: 'job-4' })).toBe(false);
    expect(await leases.tryAcquire({ syncId: sync, take: [], free: ['u:3', 'u:4'], owner: 'job-4' })).toBe(true);
    // Leases are per sync.
    expect(await leases.tryAcquire({ syncId: 'sync-b', take: ['u:1'], free: [], owner: 'job-5' })).toBe(true);
    // The holder itself may take them again (its job re-run after a crash).
    expect(await leases.tryAcquire({ syncId: sync, take: ['u:1'], free: ['u:2'], owner: 'job-1' })).toBe(true);
    // Only the holder releases.
    await leases.release(sync, ['u:1', 'u:2'], 'job-2');
    expect(await leases.tryAcquire({ syncId: sync, take: ['u:2'], free: [], owner: 'job-2' })).toBe(false);
    await leases.release(sync, ['u:1', 'u:2'], 'job-1');
    expect(await leases.tryAcquire({ syncId: sync, take: ['u:1', 'u:2'], free: [], owner: 'job-2' })).toBe(true);
  });

  it('keeps a renewed lease past its first life; only its owner renews it', async () => {
    const leases = new UserLeases(redis, prefix, 10_000);
    const keys = [leaseKey('r', 'u:1'), leaseKey('r', 'u:2')];
    expect(await leases.tryAcquire({ syncId: 'r', take: ['u:1', 'u:2'], free: [], owner: 'busy' })).toBe(true);
    // Its first life nearly over: another job's renewal does nothing, its owner's gives it a whole new one.
    for (const key of keys) await redis.pexpire(key, 500);
    expect(await leases.extend('r', ['u:1'], 'other')).toBe(0);
    expect(await redis.pttl(keys[0]!)).toBeLessThanOrEqual(500);
    expect(await leases.extend('r', ['u:1', 'u:2'], 'busy')).toBe(2);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(5_000);
    expect(await leases.tryAcquire({ syncId: 'r', take: ['u:1'], free: [], owner: 'other' })).toBe(false);
    // Its owner stopped renewing: once expired, renewing is too late and another job takes it.
    for (const key of keys) await redis.pexpire(key, 1);
    await expired(keys);
    expect(await leases.extend('r', ['u:1', 'u:2'], 'busy')).toBe(0);
    expect(await leases.tryAcquire({ syncId: 'r', take: ['u:1'], free: [], owner: 'other' })).toBe(true);
  });

  it("holds a user's events behind attribute updates queued from earlier requests until they finish", async () => {
    const leases = new UserLeases(redis, prefix, 10_000);
    await leases.markPending('p', [{ userKey: 'u:1', orderId: 'ingest-1:p:0', receivedAt: 1_000 }], 60_000);
    const events = (receivedAt: number, orderId?: string) =>
      leases.tryAcquire({ syncId: 'p', take: [], free: ['u:1'], owner: `job-${receivedAt}`, order: { receivedAt, orderId } });
    expect(await events(2_000)).toBe(false); // ingested later: waits
    expect(await events(1_000)).toBe(true); // ingested at the same time or before: does not
    expect(await events(2_000, 'ingest-1:p:0')).toBe(true); // the pending job itself
    expect(await leases.tryAcquire({ syncId: 'p', take: [], free: ['u:1'], owner: 'no-order' })).toBe(true);
    expect(await leases.tryAcquire({ syncId: 'p', take: [], free: ['u:2'], owner: 'other-user', order: { receivedAt: 2_000 } })).toBe(true);
    await leases.clearPending('p', ['u:1'], 'ingest-1:p:0');
    expect(await events(2_000)).toBe(true);
    // The same ingest job fanned out again (it ran twice): the finished job is not pending again.
    await leases.markPending('p', [{ userKey: 'u:1', orderId: 'ingest-1:p:0', receivedAt: 1_000 }, { userKey: 'u:1', orderId: 'ingest-2:p:0', receivedAt: 1_500 }], 60_000);
    expect(await redis.zrange(`${prefix}:pending:{p}:u:1`, 0, -1)).toEqual(['ingest-2:p:0']);
  });

  it("frees a dead holder's lease once it expires", async () => {
    const leases = new UserLeases(redis, prefix, 150);
    expect(await leases.tryAcquire({ syncId: 's', take: ['u:9'], free: [], owner: 'dead' })).toBe(true);
    expect(await leases.tryAcquire({ syncId: 's', take: ['u:9'], free: [], owner: 'next' })).toBe(false);
    await expired([leaseKey('s', 'u:9')]);
    expect(await leases.tryAcquire({ syncId: 's', take: ['u:9'], free: [], owner: 'next' })).toBe(true);
  });
});
