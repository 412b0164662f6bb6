/**
 * Recovery at Braze's pace. A job Braze failed (5xx, 429, a timeout) waits out an exponential
 * backoff, which after a long outage stretches far past its end: the last retries of a 20 s
 * outage would come 16 s after Braze answers again. So such jobs are listed per sync while they
 * wait (lib/pipeline/deliver/held-jobs, list `retrying`), and the first request of that sync Braze
 * accepts again hands them all back at once; the workspace rate limiter then paces them to what
 * Braze allows. A job the list misses still wakes at the end of its backoff.
 */
import type { HeldJobs } from '@/lib/pipeline/deliver/held-jobs';
import { RetryableDeliveryError } from '@/lib/pipeline/deliver/retry';

/** One wake per sync and process in this time, however many requests are accepted. */
const MIN_WAKE_INTERVAL_MS = 250;

export interface RetryWakeOptions {
  list: HeldJobs;
  /** Moves a delayed job to the waiting list (a job not delayed any more is left alone). */
  promote: (jobId: string) => Promise<void>;
  onWoken: (syncId: string, count: number) => void;
  onError: (err: Error) => void;
}

/** Whether Braze caused the retry (not this product's own pacing: the rate window or a user lease). */
export function isBrazeFailure(err: unknown): err is RetryableDeliveryError {
  return err instanceof RetryableDeliveryError && (err.status !== null || err.resetAt === undefined);
}

export class RetryWake {
  private lastWake = new Map<string, number>();
  private running = new Set<Promise<void>>();

  constructor(private readonly options: RetryWakeOptions) {}

  /** Lists a job that waits out a backoff because Braze failed it. */
  add(syncId: string, jobId: string): Promise<void> {
    return this.options.list.add(syncId, jobId);
  }

  /** A request of the sync was accepted: its listed jobs go now. */
  accepted(syncId: string): void {
    const now = Date.now();
    if (now - (this.lastWake.get(syncId) ?? 0) < MIN_WAKE_INTERVAL_MS) return;
    this.lastWake.set(syncId, now);
    const run = this.options.list
      .release(syncId, this.options.promote)
      .then((count) => {
        if (count > 0) this.options.onWoken(syncId, count);
      })
      .catch(this.options.onError)
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Waits for wakes in progress (shutdown). */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
