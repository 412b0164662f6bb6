import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '@/lib/pipeline/deliver/retry';

const base = { now: 1_000_000, firstAttemptAt: 1_000_000, maxAgeMs: 4 * 3600_000, random: () => 0.5 };

describe('retryDelayMs', () => {
  it('grows exponentially with jitter and is capped at 10 minutes', () => {
    expect(retryDelayMs({ ...base, attemptsMade: 1 })).toBe(750);
    expect(retryDelayMs({ ...base, attemptsMade: 3 })).toBe(3_000);
    expect(retryDelayMs({ ...base, attemptsMade: 30 })).toBe(450_000);
  });

  it('waits at least until the rate-limit reset', () => {
    expect(retryDelayMs({ ...base, attemptsMade: 1, resetAt: base.now + 2_500 })).toBe(3_000);
  });

  it('never waits past expiry', () => {
    const d = retryDelayMs({ ...base, attemptsMade: 30, firstAttemptAt: base.now - base.maxAgeMs + 5_000 });
    expect(d).toBe(5_000);
  });
});
