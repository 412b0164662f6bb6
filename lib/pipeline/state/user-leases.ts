/**
 * Per-user send order across requests in flight, in one worker or many.
 *
 * A delivery job that carries attribute updates of a user holds that user's lease (per sync)
 * from just before it is packed until Braze's answer is recorded in the attribute cache. While
 * it is held, no other job sends anything of that user: not another attribute update (two in
 * flight at once could reach Braze in either order, and an older value could land last), and
 * not an event (which must see the attributes that came before it). Jobs carrying only events
 * of a user do not take its lease, so a user's events still travel in parallel.
 *
 * A lease lasts as long as a job's lock (`WORKER_LOCK_MS`), is renewed while its job is sending,
 * and is owned by the attempt (its lock token): if its worker dies, the lease is free again about
 * when BullMQ hands the job to another worker, and an attempt that outlived its lock cannot
 * release the lease of the one after it. Keys of one sync share a hash
 * tag, so the scripts run on one Redis Cluster slot.
 */
import type { RedisClient } from '@/lib/queue/connection';
import { FANOUT_DEDUP_TTL_MS } from '@/lib/queue/contracts';
import { RedisScript } from '@/lib/queue/redis-script';

/**
 * KEYS: the leases to take, then the leases that only must be free, then (one per free lease, in
 * the same order) the pending attribute updates of those users.
 * ARGV: owner, lease milliseconds, number of leases to take, number of free leases, number of
 * pending sets, the job's ingestion time, the job's own order id ('' for none).
 * Takes all or none: 1 when taken; 0 when another owner holds one of them, or a free user has an
 * attribute update pending from a request ingested before this job's.
 */
const ACQUIRE = new RedisScript(`
local owner = ARGV[1]
local take = tonumber(ARGV[3])
local free = tonumber(ARGV[4])
for i = 1, take + free do
  local holder = redis.call('GET', KEYS[i])
  if holder and holder ~= owner then return 0 end
end
for i = take + free + 1, take + free + tonumber(ARGV[5]) do
  local earlier = redis.call('ZRANGEBYSCORE', KEYS[i], '-inf', '(' .. ARGV[6], 'LIMIT', 0, 2)
  for _, id in ipairs(earlier) do
    if id ~= ARGV[7] then return 0 end
  end
end
for i = 1, take do
  redis.call('SET', KEYS[i], owner, 'PX', ARGV[2])
end
return 1
`);

/**
 * KEYS: pairs of (a user's pending set, the job's done marker). ARGV: milliseconds the set is
 * kept, then pairs of (ingestion time, order id). A job already finished is not registered again
 * (an ingest job that runs twice fans out the same jobs twice, and the finished one would
 * otherwise hold its users' events back).
 */
const MARK_PENDING = new RedisScript(`
for i = 1, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i + 1]) == 0 then
    redis.call('ZADD', KEYS[i], ARGV[i + 1], ARGV[i + 2])
    redis.call('PEXPIRE', KEYS[i], ARGV[1])
  end
end
return 1
`);

/** KEYS: the job's done marker, then its users' pending sets. ARGV: order id, marker milliseconds. */
const CLEAR_PENDING = new RedisScript(`
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
for i = 2, #KEYS do
  redis.call('ZREM', KEYS[i], ARGV[1])
end
return 1
`);

/** As long as fan-out may add the same job again (its de-duplication window), and more. */
const DONE_MEMORY_MS = 2 * FANOUT_DEDUP_TTL_MS;

/** Extends the leases this owner still holds; returns how many it holds. */
const EXTEND = new RedisScript(`
local n = 0
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
    n = n + 1
  end
end
return n
`);

/** Deletes the leases this owner still holds (one that expired and was taken stays). */
const RELEASE = new RedisScript(`
local n = 0
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then
    redis.call('DEL', KEYS[i])
    n = n + 1
  end
end
return n
`);

export interface LeaseRequest {
  syncId: string;
  /** Users whose attribute updates this job sends: taken. */
  take: readonly string[];
  /** Users whose events this job sends: must not be held by another job. */
  free: readonly string[];
  owner: string;
  /**
   * When set, the events also wait for attribute updates of their users that fan-out queued
   * from requests ingested before `receivedAt` (other than this job's own, `orderId`).
   */
  order?: { receivedAt: number; orderId?: string };
}

export class UserLeases {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    readonly leaseMs: number,
  ) {}

  private key(syncId: string, userKey: string): string {
    return `${this.prefix}:lease:{${syncId}}:${userKey}`;
  }

  private pendingKey(syncId: string, userKey: string): string {
    return `${this.prefix}:pending:{${syncId}}:${userKey}`;
  }

  private doneKey(syncId: string, orderId: string): string {
    return `${this.prefix}:order-done:{${syncId}}:${orderId}`;
  }

  /**
   * Fan-out, before it queues a job with attribute updates: those users' later events wait for
   * the job until it finished (`clearPending`). Entries last as long as a job may be retried.
   */
  async markPending(syncId: string, entries: readonly { userKey: string; orderId: string; receivedAt: number }[], ttlMs: number): Promise<void> {
    if (entries.length === 0) return;
    const keys = entries.flatMap((e) => [this.pendingKey(syncId, e.userKey), this.doneKey(syncId, e.orderId)]);
    const args = entries.flatMap((e) => [String(e.receivedAt), e.orderId]);
    await MARK_PENDING.run(this.redis, keys, [ttlMs, ...args]);
  }

  /** The job finished (delivered, refused, expired or dropped): its users' events go on. */
  async clearPending(syncId: string, userKeys: readonly string[], orderId: string): Promise<void> {
    const unique = [...new Set(userKeys)];
    if (unique.length === 0) return;
    const keys = [this.doneKey(syncId, orderId), ...unique.map((u) => this.pendingKey(syncId, u))];
    await CLEAR_PENDING.run(this.redis, keys, [orderId, DONE_MEMORY_MS]);
  }

  /** True when every lease in `take` is now this owner's and none in `free` is another's. */
  async tryAcquire(req: LeaseRequest): Promise<boolean> {
    const take = [...new Set(req.take)];
    const taken = new Set(take);
    const free = [...new Set(req.free)].filter((u) => !taken.has(u));
    if (take.length + free.length === 0) return true;
    const pending = req.order ? free.map((u) => this.pendingKey(req.syncId, u)) : [];
    const keys = [...take.map((u) => this.key(req.syncId, u)), ...free.map((u) => this.key(req.syncId, u)), ...pending];
    const args = [req.owner, String(this.leaseMs), String(take.length), String(free.length), String(pending.length)];
    args.push(String(req.order?.receivedAt ?? 0), req.order?.orderId ?? '');
    const result = await ACQUIRE.run(this.redis, keys, args);
    return Number(result) === 1;
  }

  /**
   * Keeps the leases alive while their job is still sending (a request held by Braze's rate
   * limit can outlast one lease); the number of them this owner still holds.
   */
  async extend(syncId: string, userKeys: readonly string[], owner: string): Promise<number> {
    const keys = [...new Set(userKeys)].map((u) => this.key(syncId, u));
    if (keys.length === 0) return 0;
    return Number(await EXTEND.run(this.redis, keys, [owner, this.leaseMs]));
  }

  async release(syncId: string, userKeys: readonly string[], owner: string): Promise<void> {
    const keys = [...new Set(userKeys)].map((u) => this.key(syncId, u));
    if (keys.length > 0) await RELEASE.run(this.redis, keys, [owner]);
  }

  /** A deleted user (lib/privacy): its lease and pending updates go; its jobs no longer carry it. */
  async forgetUser(syncId: string, userKey: string): Promise<void> {
    await this.redis.del(this.key(syncId, userKey), this.pendingKey(syncId, userKey));
  }
}

/** Why a job gave up waiting for a user's lease; it is retried later, nothing is lost. */
export const LEASE_WAIT_REASON = 'Waiting for an earlier attribute update of the same user to reach Braze';

/**
 * Waits for the leases, polling with a growing pause, for at most `patienceMs`. False when the
 * patience ran out (the caller retries the job later rather than hold a worker slot).
 */
export async function acquireWithPatience(
  leases: Pick<UserLeases, 'tryAcquire'>,
  req: LeaseRequest,
  patienceMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => number = Date.now,
): Promise<boolean> {
  const giveUpAt = now() + patienceMs;
  let pause = 10;
  for (;;) {
    if (await leases.tryAcquire(req)) return true;
    if (now() >= giveUpAt) return false;
    await sleep(pause);
    pause = Math.min(pause * 2, 250);
  }
}
