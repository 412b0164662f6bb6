import { describe, expect, it } from 'vitest';
import { forwardBackoff, ForwardRetryError } from '@/lib/forward/backoff';

describe('forwardBackoff', () => {
  it('waits out a throttle\'s pause when one is given', () => {
    expect(forwardBackoff(3, new ForwardRetryError(30_000, 'throttled'))).toBe(30_000);
  });

  it('backs off exponentially from 1 s to a minute, with jitter', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 7, 20].map((n) => forwardBackoff(n, new ForwardRetryError(null, '5xx'), mid))).toEqual([1_000, 2_000, 4_000, 60_000, 60_000]);
    expect(forwardBackoff(1, new Error('db down'), () => 0)).toBe(800);
  });
});
