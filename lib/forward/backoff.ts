/**
 * When a forwarding job tries again: at the end of a throttle's pause when Amplitude named one
 * (429: 30 s for HTTP V2, 15 s for Identify), else exponentially from 1 s to a minute with a
 * little jitter, so a recovering Amplitude is not hit by every waiting job at the same moment.
 */
export class ForwardRetryError extends Error {
  constructor(
    /** Milliseconds to wait, or null for the exponential backoff. */
    readonly delayMs: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ForwardRetryError';
  }
}

const FIRST_MS = 1_000;
const MAX_MS = 60_000;

export function forwardBackoff(attemptsMade: number, err: Error | undefined, random: () => number = Math.random): number {
  if (err instanceof ForwardRetryError && err.delayMs !== null) return err.delayMs;
  const base = Math.min(MAX_MS, FIRST_MS * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
