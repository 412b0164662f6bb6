import { describe, expect, it } from 'vitest';
import { EventThrottle } from '@/lib/ingest/throttle';

const events = (n: number, e: { user_id?: string; device_id?: string }) => Array.from({ length: n }, () => e);

describe('EventThrottle', () => {
  it('allows a burst up to the window budget, then throttles only the events over it', () => {
    const t = new EventThrottle({ eventsPerSecond: 2, windowSeconds: 5 });
    expect(t.take(events(10, { user_id: 'alice' }), 0).throttledEvents).toEqual([]);
    const verdict = t.take([{ user_id: 'alice' }, { user_id: 'bob' }, { device_id: 'dev-1', user_id: 'alice' }], 0);
    expect(verdict.throttledEvents).toEqual([0, 2]);
    expect([...verdict.throttledUsers.keys()]).toEqual(['alice']);
    // dev-1 had budget left: it is not named, though its only event was throttled for alice.
    expect(verdict.throttledDevices.size).toBe(0);
  });

  it('takes the events within a budget from a request that asks for more than the whole budget', () => {
    const t = new EventThrottle({ eventsPerSecond: 1, windowSeconds: 3 });
    const verdict = t.take([...events(5, { user_id: 'carol' }), { user_id: 'dave' }], 0);
    expect(verdict.throttledEvents).toEqual([3, 4]);
    expect(Object.fromEntries(verdict.throttledUsers)).toEqual({ carol: 2 });
    // The refused events were not charged: a second later carol has exactly one token again.
    expect(t.take(events(2, { user_id: 'carol' }), 1_000).throttledEvents).toEqual([1]);
  });

  it('charges only taken events, and refills over time', () => {
    const t = new EventThrottle({ eventsPerSecond: 2, windowSeconds: 5 });
    t.take(events(10, { device_id: 'd' }), 0);
    expect(t.take([{ user_id: 'bob' }, { device_id: 'd' }], 0).throttledEvents).toEqual([1]);
    // bob's one taken event was charged; a throttled event of d charged nothing to anyone.
    expect(t.take(events(9, { user_id: 'bob' }), 0).throttledEvents).toEqual([]);
    expect(t.take(events(1, { user_id: 'bob' }), 0).throttledEvents).toEqual([0]);
    expect(t.take(events(2, { device_id: 'd' }), 1_000).throttledEvents).toEqual([]);
    expect(t.take(events(1, { device_id: 'd' }), 1_000).throttledDevices.get('d')).toBe(2);
  });

  it('never throttles events without ids (group identify)', () => {
    const t = new EventThrottle({ eventsPerSecond: 1, windowSeconds: 1 });
    expect(t.take(events(5, {}), 0).throttledEvents).toEqual([]);
  });

  it('is off at 0 EPS and bounds the ids it tracks', () => {
    expect(new EventThrottle({ eventsPerSecond: 0, windowSeconds: 30 }).take(events(5000, { user_id: 'x' })).throttledEvents).toEqual([]);
    const t = new EventThrottle({ eventsPerSecond: 1, windowSeconds: 10, maxTracked: 100 });
    for (let i = 0; i < 1000; i++) t.take([{ user_id: `u${i}` }], 0);
    expect(t.trackedIds).toBeLessThanOrEqual(100);
  });

  it('keeps a user and a device of the same id apart', () => {
    const t = new EventThrottle({ eventsPerSecond: 1, windowSeconds: 2 });
    expect(t.take(events(2, { user_id: 'same' }), 0).throttledEvents).toEqual([]);
    const verdict = t.take([{ device_id: 'same' }, { device_id: 'same' }, { device_id: 'same' }, { user_id: 'same' }], 0);
    expect(verdict.throttledEvents).toEqual([2, 3]);
    expect(Object.fromEntries(verdict.throttledUsers)).toEqual({ same: 2 });
    expect(Object.fromEntries(verdict.throttledDevices)).toEqual({ same: 2 });
  });

  it('bounds users and devices together, forgetting idle ids before busy ones', () => {
    const t = new EventThrottle({ eventsPerSecond: 1, windowSeconds: 10, maxTracked: 4 });
    t.take([{ user_id: 'idle' }], 0);
    t.take(events(10, { user_id: 'busy' }), 5_000);
    // Five ids: 'idle' has refilled to a full bucket by now, so it is the one forgotten.
    t.take([{ device_id: 'd1' }, { device_id: 'd2' }, { device_id: 'd3' }], 5_000);
    expect(t.trackedIds).toBe(4);
    expect(t.take([{ user_id: 'busy' }], 5_000).throttledEvents).toEqual([0]);
    // With no idle id left, the oldest of the larger kind goes: here a device.
    t.take([{ device_id: 'd4' }], 5_000);
    expect(t.trackedIds).toBe(4);
    expect(t.take([{ user_id: 'busy' }], 5_000).throttledEvents).toEqual([0]);
  });
});
