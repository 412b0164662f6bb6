/**
 * What became of a delivery job's last attempt, kept in Redis beside the job: `pending` while a
 * request holding it may be at Braze, `accepted` once Braze accepted it. A job that runs again
 * after its worker died reads it: `accepted` → nothing is re-sent (no duplicate); `pending` →
 * the objects are sent again and counted as possible duplicates (Braze does not de-duplicate).
 */
import type { Redis } from 'ioredis';

export type Marker = 'pending' | 'accepted' | null;

/** Long enough for a job that crashed after acceptance to be picked up again. */
const ACCEPTED_TTL_S = 3_600;
/**
 * How long writing `accepted` is retried while Redis is unreachable: a lost `accepted` leaves
 * `pending`, and the job's re-run would send to Braze again what it already has.
 */
const ACCEPTED_WRITE_PATIENCE_MS = 15_000;
const RETRY_PAUSE_MS = 250;

export class DeliveryMarkers {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly pendingTtlSeconds: number,
  ) {}

  private key(jobId: string): string {
    return `${this.prefix}:sent:${jobId}`;
  }

  async read(jobId: string): Promise<Marker> {
    const v = await this.redis.get(this.key(jobId));
    return v === 'pending' || v === 'accepted' ? v : null;
  }

  async markPending(jobId: string): Promise<void> {
    await this.redis.set(this.key(jobId), 'pending', 'EX', this.pendingTtlSeconds);
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

  /** The attempt certainly did not reach Braze's processing (429, 503, refused): no duplicate risk. */
  async clear(jobId: string): Promise<void> {
    await this.redis.del(this.key(jobId));
  }
}
