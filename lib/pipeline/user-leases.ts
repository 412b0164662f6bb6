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
 * A lease lives as long as a job's lock (`WORKER_LOCK_MS`) and is owned by the attempt (its lock
 * token): if its worker dies, the lease is free again about when BullMQ hands the job to another
 * worker, and an attempt that outlived its lock cannot release the lease of the one after it. Keys of one sync share a hash
 * tag, so the scripts run on one Redis Cluster slot.
 */
import type { Redis } from 'ioredis';

/**
 * KEYS: the leases to take, then the leases that only must be free.
 * ARGV: owner, lease milliseconds, number of leases to take.
 * Takes all or none: 1 when taken, 0 when another owner holds one of them.
 */
const ACQUIRE = `
local owner = ARGV[1]
for i = 1, #KEYS do
  local holder = redis.call('GET', KEYS[i])
  if holder and holder ~= owner then return 0 end
end
for i = 1, tonumber(ARGV[3]) do
  redis.call('SET', KEYS[i], owner, 'PX', ARGV[2])
end
return 1
`;

/** Deletes the leases this owner still holds (one that expired and was taken stays). */
const RELEASE = `
local n = 0
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then
    redis.call('DEL', KEYS[i])
    n = n + 1
  end
end
return n
`;

export interface LeaseRequest {
  syncId: string;
  /** Users whose attribute updates this job sends: taken. */
  take: readonly string[];
  /** Users whose events this job sends: must not be held by another job. */
  free: readonly string[];
  owner: string;
}

export class UserLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly leaseMs: number,
  ) {}

  private key(syncId: string, userKey: string): string {
    return `${this.prefix}:lease:{${syncId}}:${userKey}`;
  }

  /** True when every lease in `take` is now this owner's and none in `free` is another's. */
  async tryAcquire(req: LeaseRequest): Promise<boolean> {
    const take = [...new Set(req.take)];
    const taken = new Set(take);
    const free = [...new Set(req.free)].filter((u) => !taken.has(u));
    if (take.length + free.length === 0) return true;
    const keys = [...take, ...free].map((u) => this.key(req.syncId, u));
    const result = await this.redis.eval(ACQUIRE, keys.length, ...keys, req.owner, String(this.leaseMs), String(take.length));
    return Number(result) === 1;
  }

  async release(syncId: string, userKeys: readonly string[], owner: string): Promise<void> {
    const keys = [...new Set(userKeys)].map((u) => this.key(syncId, u));
    if (keys.length > 0) await this.redis.eval(RELEASE, keys.length, ...keys, owner);
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
