import { describe, expect, it } from 'vitest';
import { EventThrottle } from '@/lib/ingest/throttle';

const events = (n: number, e: { user_id?: string; device_id?: string }) => Array.from({ length: n }, () => e);

describe('EventThrottle', () => {
  it('allows a burst up to the window budget, then throttles only the ids over it', () => {
    const t = new EventThrottle({ eventsPerSecond: 2, windowSeconds: 5 });
    expect(t.take(events(10, { user_id: 'alice' }), 0).throttledEvents).toEqual([]);
    const verdict = t.take([{ user_id: 'alice' }, { user_id: 'bob' }, { device_id: 'dev-1', user_id: 'alice' }], 0);
    expect(verdict.throttledEvents).toEqual([0, 2]);
    expect([...verdict.throttledUsers.keys()]).toEqual(['alice']);
    expect(verdict.throttledDevices.size).toBe(0);
  });

  it('charges nothing for a throttled request, and refills over time', () => {
    const t = new EventThrottle({ eventsPerSecond: 2, windowSeconds: 5 });
    t.take(events(10, { device_id: 'd' }), 0);
    expect(t.take([{ user_id: 'bob' }, { device_id: 'd' }], 0).throttledEvents).toEqual([1]);
    // bob was not charged by the refused request: he still has a full budget.
    expect(t.take(events(10, { user_id: 'bob' }), 0).throttledEvents).toEqual([]);
    expect(t.take(events(2, { device_id: 'd' }), 1_000).throttledEvents).toEqual([]);
    expect(t.take(events(1, { device_id: 'd' }), 1_000).throttledDevices.get('d')).toBe(2);
  });

  it('is off at 0 EPS and bounds the ids it tracks', () => {
    expect(new EventThrottle({ eventsPerSecond: 0, windowSeconds: 30 }).take(events(5000, { user_id: 'x' })).throttledEvents).toEqual([]);
    const t = new EventThrottle({ eventsPerSecond: 1, windowSeconds: 10, maxTracked: 100 });
    for (let i = 0; i < 1000; i++) t.take([{ user_id: `u${i}` }], 0);
    expect(t.trackedIds).toBeLessThanOrEqual(100);
  });
});
