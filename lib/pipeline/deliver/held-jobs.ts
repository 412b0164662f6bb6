/**
 * Delivery jobs of a paused sync wait in BullMQ's delayed set, without using up an attempt, and
 * are listed per sync in Redis, so they are handed back the moment the sync resumes (saved with
 * a new key, enabled again, or its configuration fixed and the worker restarted). Nothing is
 * dead-lettered for a pause: the events are sent once the sync can send.
 *
 * A held job also wakes by itself every `HOLD_RECHECK_MS` and looks again: one the list missed
 * (a worker killed between the two writes, a release that failed half-way) waits at most that.
 */
import type { RedisClient } from '@/lib/queue/connection';
import { RedisScript } from '@/lib/queue/redis-script';

export const HOLD_RECHECK_MS = 10 * 60_000;
const RELEASE_BATCH = 500;
/** Forgets a sync's entry only when no job was held meanwhile. */
const FORGET_IF_EMPTY = new RedisScript("if redis.call('SCARD', KEYS[1]) == 0 then return redis.call('SREM', KEYS[2], ARGV[1]) end return 0");

/** Thrown by delivery for a job that must wait: its sync is paused. */
export class SyncOnHoldError extends Error {
  constructor(
    readonly syncId: string,
    reason: string,
  ) {
    super(`Sync paused: ${reason}`);
    this.name = 'SyncOnHoldError';
  }
}

/**
 * A per-sync list of delivery jobs waiting in the delayed set, to hand back early. `list` names
 * it: `held` for jobs of paused syncs, `retrying` for jobs waiting out a backoff (retry-wake).
 */
export class HeldJobs {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly list: 'held' | 'retrying' = 'held',
  ) {}

  private jobsKey(syncId: string): string {
    return `${this.prefix}:${this.list}:${syncId}`;
  }

  private get syncsKey(): string {
    return `${this.prefix}:${this.list}-syncs`;
  }

  /** Lists a job that now waits in the delayed set. */
  async add(syncId: string, jobId: string): Promise<void> {
    const results = await this.redis.multi().sadd(this.jobsKey(syncId), jobId).sadd(this.syncsKey, syncId).exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw failed?.[0] ?? new Error('held job not listed: the transaction was discarded');
  }

  /** The jobs of a sync listed as waiting. */
  jobIds(syncId: string): Promise<string[]> {
    return this.redis.smembers(this.jobsKey(syncId));
  }

  /** Syncs with jobs waiting. */
  syncIds(): Promise<string[]> {
    return this.redis.smembers(this.syncsKey);
  }

  /**
   * Hands the jobs listed for `syncId` to `promote` (each at most once, whoever releases);
   * returns how many. Jobs held again meanwhile wait for the next release, so one that keeps
   * being held cannot keep this one going.
   */
  async release(syncId: string, promote: (jobId: string) => Promise<void>): Promise<number> {
    let left = await this.redis.scard(this.jobsKey(syncId));
    let released = 0;
    while (left > 0) {
      const ids = await this.redis.spop(this.jobsKey(syncId), Math.min(RELEASE_BATCH, left));
      if (ids.length === 0) break;
      // Every popped job is handed back even when one fails (that one wakes by itself later).
      const failed = (await Promise.allSettled(ids.map(promote))).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      released += ids.length;
      left -= ids.length;
    }
    await FORGET_IF_EMPTY.run(this.redis, [this.jobsKey(syncId), this.syncsKey], [syncId]);
    return released;
  }
}

export interface HeldJobsReleaser {
  held: HeldJobs;
  /** Read fresh (not from a cache): whether the sync still may not send. */
  isPaused: (syncId: string) => Promise<boolean>;
  /** Moves a delayed job to the waiting list. */
  promote: (jobId: string) => Promise<void>;
  onReleased: (syncId: string, count: number) => void;
  onError: (err: Error) => void;
  intervalMs?: number;
}

/**
 * Every second, hands back the held jobs of syncs that resumed. A job re-held meanwhile by a
 * worker that still saw the pause in its settings cache is handed back at the next round.
 * Returns a function that stops it and waits for a round in progress.
 */
export function startReleasingHeldJobs(opts: HeldJobsReleaser): () => Promise<void> {
  let running: Promise<void> | null = null;
  const round = async () => {
    for (const syncId of await opts.held.syncIds()) {
      if (await opts.isPaused(syncId)) continue;
      const count = await opts.held.release(syncId, opts.promote);
      if (count > 0) opts.onReleased(syncId, count);
    }
  };
  const timer = setInterval(() => {
    if (running) return; // A slow round is not stacked on.
    running = round()
      .catch(opts.onError)
      .finally(() => (running = null));
  }, opts.intervalMs ?? 1_000);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
