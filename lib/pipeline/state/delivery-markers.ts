/**
 * What became of a delivery job's earlier attempts, kept in Redis beside the job: `pending`
 * while a request holding it may be at Braze, `accepted` once Braze accepted it. Each attempt
 * claims the marker before sending: `accepted` → nothing is sent again (no duplicate);
 * `pending` → the objects are sent again and, once accepted, counted as possible duplicates
 * (Braze does not de-duplicate).
 *
 * The claim is one atomic step that also checks the attempt still holds the job's BullMQ lock.
 * A worker that stalls past its lock (a busy machine, a Redis restart) keeps running the job
 * while BullMQ hands it to another run; without the check both could read "no earlier attempt"
 * and send, leaving a duplicate nobody counted. With it, only the lock holder sends, and a run
 * that finds another run's `pending` counts what it re-sends.
 */
import type { RedisClient } from '@/lib/queue/connection';
import { QUEUE_NAMES, jobLockKey, type QueueName } from '@/lib/queue/contracts';
import { RedisScript } from '@/lib/queue/redis-script';

export type Marker = 'pending' | 'accepted' | null;

/** What a claim found: the earlier attempts' state, or `lost` when this run no longer holds the job. */
export type Claim = Marker | 'lost';

/**
 * The BullMQ job whose lock the attempt holds: the delivery job itself, or, for a first attempt
 * made inline by fan-out (lib/pipeline/deliver/deliver-inline), the ingest job that built it.
 */
export type LockHolder = { queue: QueueName; jobId: string };

/** Long enough for a job that crashed after acceptance to be picked up again. */
const ACCEPTED_TTL_S = 3_600;
/**
 * How long writing `accepted` is retried while Redis is unreachable: a lost `accepted` leaves
 * `pending`, and the job's re-run would send to Braze again what it already has.
 */
const ACCEPTED_WRITE_PATIENCE_MS = 15_000;
const RETRY_PAUSE_MS = 250;

/**
 * KEYS: marker, job lock. ARGV: lock token ('' = no lock to check), pending TTL (s).
 * `pending:<token>` names the attempt, so only that attempt may clear it again.
 */
const CLAIM = new RedisScript(`
if ARGV[1] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[1] then return 'lost' end
local v = redis.call('GET', KEYS[1])
if v == 'accepted' then return 'accepted' end
redis.call('SET', KEYS[1], 'pending:' .. ARGV[1], 'EX', ARGV[2])
if v then return 'pending' end
return 'none'`);

/** Deletes the marker only while it is still this attempt's own `pending`. */
const CLEAR = new RedisScript(`
if redis.call('GET', KEYS[1]) == 'pending:' .. ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

export class DeliveryMarkers {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly pendingTtlSeconds: number,
  ) {}

  private key(jobId: string): string {
    return `${this.prefix}:sent:${jobId}`;
  }

  /**
   * Claims the job for one attempt that is about to send: marks it `pending` (unless Braze already
   * accepted it) and says what earlier attempts left. `lockToken` is the attempt's BullMQ lock
   * token on `holder` (by default the delivery job the marker is named after); without one
   * (outside a worker) ownership is not checked.
   */
  async claim(jobId: string, lockToken = '', holder: LockHolder = { queue: QUEUE_NAMES.deliver, jobId }): Promise<Claim> {
    const lockKey = jobLockKey(this.prefix, holder.queue, holder.jobId);
    const found = await CLAIM.run(this.redis, [this.key(jobId), lockKey], [lockToken, this.pendingTtlSeconds]);
    return found === 'none' ? null : (found as Exclude<Claim, null>);
  }

  async markAccepted(jobId: string, patienceMs = ACCEPTED_WRITE_PATIENCE_MS): Promise<void> {
    const giveUpAt = Date.now() + patienceMs;
    for (;;) {
      try {
        await this.redis.set(this.key(jobId), 'accepted', 'EX', ACCEPTED_TTL_S);
        return;
      } catch (err) {
        if (Date.now() >= giveUpAt) throw err;
        await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
      }
    }
  }

  /**
   * This attempt certainly did not reach Braze's processing (429, 503, refused) and no earlier
   * one may have: no duplicate risk. Another attempt's `pending` is left alone.
   */
  async clear(jobId: string, lockToken = ''): Promise<void> {
    await CLEAR.run(this.redis, [this.key(jobId)], [lockToken]);
  }
}
