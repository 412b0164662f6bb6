import { describe, expect, it } from 'vitest';
import { chunkTrackObjects, measureJsonBytes } from '@/lib/braze';
import { bodyJsonOf, objectBytesOf, objectJsonOf } from '@/lib/pipeline/deliver/object-bytes';
import { entryJson, type DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';

describe('objectBytesOf', () => {
  it("answers measureJsonBytes's size, serialising each object only once", () => {
    let serialised = 0;
    const object = { external_id: 'user-1', name: 'Viewed', toJSON: () => (serialised++, { external_id: 'user-1', name: 'Viewed' }) };
    const expected = measureJsonBytes({ external_id: 'user-1', name: 'Viewed' });
    expect(objectBytesOf(object)).toBe(expected);
    expect(objectBytesOf(object)).toBe(expected);
    expect(serialised).toBe(1);
  });

  it('is what chunkTrackObjects measures with when given as sizeOf', () => {
    const items = [1, 2, 3].map((i) => ({ array: 'events' as const, object: { external_id: `u${i}`, name: 'E' } }));
    expect(chunkTrackObjects(items, 'combined75')).toHaveLength(1);
    // Objects said to be 1.5 MB each: two fit under Braze's 4 MB, three do not.
    expect(chunkTrackObjects(items, 'combined75', { sizeOf: () => 1_500_000 }).map((b) => b.items.length)).toEqual([2, 1]);
  });

  it("builds a request body's JSON as JSON.stringify does, from each object's text measured before", () => {
    let serialised = 0;
    const counted = <T extends object>(o: T) => ({ ...o, toJSON: () => (serialised++, o) });
    const body = {
      attributes: [counted({ external_id: 'ü-1', plan: 'pro', nested: { a: [1, 'two', null] } })],
      events: [counted({ external_id: 'u2', name: 'Viewed "quoted"', time: '2026-12-07T00:00:00Z', properties: { emoji: '🙂', lone: '\ud800' } })],
      purchases: [counted({ external_id: 'u3', product_id: 'p', currency: 'USD', price: 1.5, time: '2026-12-07T00:00:00Z' })],
    };
    const sizes = [...body.attributes, ...body.events, ...body.purchases].map(objectBytesOf);
    const json = bodyJsonOf(body);
    expect(serialised).toBe(3);
    expect(json).toBe(JSON.stringify(body));
    expect(sizes).toEqual([...body.attributes, ...body.events, ...body.purchases].map((o) => new TextEncoder().encode(objectJsonOf(o)).length));
    expect(bodyJsonOf({})).toBe('{}');
    expect(bodyJsonOf({ events: [] })).toBe('{"events":[]}');
  });

  it('stores a delivery log entry as JSON.stringify would, but for the order of its keys', () => {
    const entries: DeliveryLogEntry[] = [
      { at: 1, status: 201, outcome: 'accepted', errors: [{ array: 'events', index: 0, reason: 'x' }], body: { events: [{ external_id: 'u1', name: 'E' }] } },
      { at: 2, status: null, outcome: 'retryable', reason: 'timeout', errors: [], body: {} },
      { at: 3, status: 201, outcome: 'accepted', errors: [], body: {}, endpoint: '/users/identify', call: { aliases_to_identify: [] } },
    ];
    for (const e of entries) expect(JSON.parse(entryJson(e))).toEqual(JSON.parse(JSON.stringify(e)));
  });
});
