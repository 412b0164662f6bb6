import { describe, expect, it } from 'vitest';
import { RestartPolicy } from '@/scripts/restart-policy';

describe('RestartPolicy', () => {
  it('backs off 0.5 s, 1 s, 2 s, 4 s, then every 5 s while a process keeps crashing', () => {
    const policy = new RestartPolicy();
    let now = 0;
    const delays = Array.from({ length: 7 }, () => {
      const startedAt = now;
      now += 1_000;
      return policy.onCrash(startedAt, now).delayMs;
    });
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
  });

  it('starts again at 0.5 s after a run of a stable minute', () => {
    const policy = new RestartPolicy();
    policy.onCrash(0, 1_000);
    policy.onCrash(1_500, 2_000);
    expect(policy.onCrash(3_000, 63_000).delayMs).toBe(500);
  });

  it('calls it a crash loop once, at the fifth crash within a minute', () => {
    const policy = new RestartPolicy();
    const loops = Array.from({ length: 7 }, (_, i) => policy.onCrash(i * 5_000, i * 5_000 + 1_000).crashLoopStarted);
    expect(loops).toEqual([false, false, false, false, true, false, false]);
  });

  it('does not call crashes spread over more than a minute a loop', () => {
    const policy = new RestartPolicy();
    const decisions = Array.from({ length: 6 }, (_, i) => policy.onCrash(i * 20_000, i * 20_000 + 19_000));
    expect(decisions.some((d) => d.crashLoopStarted)).toBe(false);
    expect(decisions.at(-1)!.recentCrashes).toBe(3);
  });
});
