import { describe, expect, it } from 'vitest';
import { chunkTrackObjects, jsonBytesOf } from '@/lib/braze';
import { objectBytesOf } from '@/lib/pipeline/deliver/object-bytes';

describe('objectBytesOf', () => {
  it("answers jsonBytesOf's size, serialising each object only once", () => {
    let serialised = 0;
    const object = { external_id: 'user-1', name: 'Viewed', toJSON: () => (serialised++, { external_id: 'user-1', name: 'Viewed' }) };
    const expected = jsonBytesOf({ external_id: 'user-1', name: 'Viewed' });
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
});
