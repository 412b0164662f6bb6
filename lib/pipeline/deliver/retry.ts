import { retryPeriodStart } from '@/lib/queue/contracts';

/**
 * Retry timing for deliveries: exponential backoff with jitter, never earlier than Braze's
 * rate-limit reset, and never past the moment the event expires (then it is expired, not lost).
 */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly resetAt?: number,
  ) {
    super(message);
    this.name = 'RetryableDeliveryError';
  }
}

const BASE_MS = 1_000;
const CAP_MS = 10 * 60_000;

export function retryDelayMs(opts: {
  attemptsMade: number;
  now: number;
  firstAttemptAt: number;
  maxAgeMs: number;
  resetAt?: number;
  random?: () => number;
}): number {
  const random = opts.random ?? Math.random;
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, opts.attemptsMade - 1));
  let delay = exp / 2 + random() * (exp / 2);
  // Spread the wake-ups after a reset, so all waiting jobs do not hit Braze in the same ms.
  if (opts.resetAt !== undefined) delay = Math.max(delay, opts.resetAt - opts.now + random() * 1_000);
  const untilExpiry = opts.firstAttemptAt + opts.maxAgeMs - opts.now;
  return Math.max(0, Math.min(delay, untilExpiry));
}

/**
 * BullMQ's backoff strategy for delivery jobs: `retryDelayMs` from the start of the job's retry
 * period, honouring the reset time a `RetryableDeliveryError` carries.
 */
export function deliveryBackoff(maxAgeMs: number) {
  return (attemptsMade: number, _type: string | undefined, err: Error | undefined, job: Parameters<typeof retryPeriodStart>[0] | undefined): number =>
    retryDelayMs({
      attemptsMade,
      now: Date.now(),
      firstAttemptAt: job ? retryPeriodStart(job) : Date.now(),
      maxAgeMs,
      resetAt: err instanceof RetryableDeliveryError ? err.resetAt : undefined,
    });
}
