import { describe, expect, it } from 'vitest';
import { acquireWithPatience, type LeaseRequest } from '@/lib/pipeline/state/user-leases';

const request: LeaseRequest = { syncId: 's', take: ['u:1'], free: [], owner: 'job' };

function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), slept: () => t };
}

describe('acquireWithPatience', () => {
  it('polls with a growing pause until the leases are free', async () => {
    const c = clock();
    let calls = 0;
    const got = await acquireWithPatience({ tryAcquire: async () => ++calls === 4 }, request, 10_000, c.sleep, c.now);
    expect(got).toBe(true);
    expect(calls).toBe(4);
    expect(c.slept()).toBe(10 + 20 + 40);
  });

  it('gives up after its patience, so the job is retried later instead of holding a slot', async () => {
    const c = clock();
    let calls = 0;
    const got = await acquireWithPatience({ tryAcquire: async () => (calls++, false) }, request, 1_000, c.sleep, c.now);
    expect(got).toBe(false);
    expect(c.slept()).toBeGreaterThanOrEqual(1_000);
    expect(c.slept()).toBeLessThan(1_000 + 250);
    expect(calls).toBeGreaterThan(4);
  });
});
