import { describe, expect, it } from 'vitest';
import { attributeMinorErrors, buildTrackBatch, chunkTrackObjects, MAX_TRACK_PAYLOAD_BYTES, type TrackItem } from '@/lib/braze/batch';
import type { TrackBatchMode } from '@/lib/braze/config-schemas';
import type { TrackArrayName } from '@/lib/braze/types';

type Ref = TrackItem & { ref: number };

function item(array: TrackArrayName, ref: number, extra: Record<string, unknown> = {}): Ref {
  return { array, ref, object: { external_id: `u${ref}`, ...extra } };
}

function makeItems(count: number, arrays: readonly TrackArrayName[] = ['events']): Ref[] {
  return Array.from({ length: count }, (_, i) => item(arrays[i % arrays.length]!, i));
}

const sizes = (batches: { items: unknown[] }[]) => batches.map((batch) => batch.items.length);

describe('chunkTrackObjects: object limits', () => {
  it.each<[string, TrackBatchMode, Ref[], number[]]>([
    ['combined75, one array', 'combined75', makeItems(200), [75, 75, 50]],
    ['combined75, three arrays count together', 'combined75', makeItems(150, ['attributes', 'events', 'purchases']), [75, 75]],
    ['mau50', 'mau50', makeItems(120, ['attributes', 'events']), [50, 50, 20]],
    ['custom combined limit', { combined: 10 }, makeItems(25), [10, 10, 5]],
    ['legacy75each, 75 per array in one request', 'legacy75each', makeItems(225, ['attributes', 'events', 'purchases']), [225]],
    ['legacy75each, one array over 75', 'legacy75each', makeItems(160), [75, 75, 10]],
    ['exactly at the limit', 'combined75', makeItems(75), [75]],
    ['empty input', 'combined75', [], []],
  ])('%s', (_name, mode, items, expected) => {
    expect(sizes(chunkTrackObjects(items, mode))).toEqual(expected);
  });

  it('legacy75each starts a new request when any one array is full', () => {
    const items = [...makeItems(75, ['events']), item('attributes', 100), item('events', 101), item('attributes', 102)];
    const batches = chunkTrackObjects(items, 'legacy75each');
    expect(batches.map((batch) => batch.items.map((i) => i.ref).slice(-1)[0])).toEqual([100, 102]);
    expect(batches[1]!.items.map((i) => i.ref)).toEqual([101, 102]);
  });

  it('moves an attribute update to the next request with the event it must stay with', () => {
    // 40 users, each an attribute update then an event: the 75th object is user 37's update.
    const items = Array.from({ length: 80 }, (_, i) => item(i % 2 === 0 ? 'attributes' : 'events', i, { external_id: `u${Math.floor(i / 2)}` }));
    const userOf = (r: Ref) => (r.object as { external_id: string }).external_id;
    const together = (a: Ref, b: Ref) => a.array === 'attributes' && b.array === 'events' && userOf(a) === userOf(b);
    const batches = chunkTrackObjects(items, 'combined75', { keepTogether: together });
    expect(sizes(batches)).toEqual([74, 6]);
    expect(batches.flatMap((b) => b.items.map((i) => i.ref))).toEqual(items.map((i) => i.ref));
    expect(batches.flatMap((b) => b.indexes)).toEqual(items.map((_, index) => index));
    expect(batches[1]!.body.attributes).toEqual([items[74]!.object, items[76]!.object, items[78]!.object]);
    expect(batches[0]!.bytes).toBe(chunkTrackObjects(items.slice(0, 74), 'combined75')[0]!.bytes);
    // Without the rule the pair is split, as before.
    expect(sizes(chunkTrackObjects(items, 'combined75'))).toEqual([75, 5]);
  });

  it('keeps input order across and within requests', () => {
    const items = makeItems(160, ['attributes', 'events', 'purchases']);
    const batches = chunkTrackObjects(items, 'combined75');
    expect(batches.flatMap((batch) => batch.items.map((i) => i.ref))).toEqual(items.map((i) => i.ref));
    expect(batches.flatMap((batch) => batch.indexes)).toEqual(items.map((_, index) => index));
    const first = batches[0]!;
    expect(first.body.events).toEqual(first.items.filter((i) => i.array === 'events').map((i) => i.object));
  });

  it('puts only non-empty arrays in the body', () => {
    const [batch] = chunkTrackObjects([item('events', 0)], 'combined75');
    expect(batch!.body).toEqual({ events: [{ external_id: 'u0' }] });
  });

  it.each([{ combined: 0 }, { combined: 1.5 }, { combined: -3 }])('refuses the limit %j', (mode) => {
    expect(() => chunkTrackObjects(makeItems(1), mode)).toThrow(RangeError);
  });
});

describe('chunkTrackObjects: payload size', () => {
  it('splits before 4 MB and never underestimates the body size', () => {
    const big = 'x'.repeat(900_000);
    const items = Array.from({ length: 10 }, (_, i) => item('attributes', i, { blob: big }));
    const batches = chunkTrackObjects(items, 'combined75');
    expect(sizes(batches)).toEqual([4, 4, 2]);
    for (const batch of batches) {
      const actual = new TextEncoder().encode(JSON.stringify(batch.body)).length;
      expect(actual).toBeLessThanOrEqual(MAX_TRACK_PAYLOAD_BYTES);
      expect(batch.bytes).toBeGreaterThanOrEqual(actual);
      expect(batch.oversized).toBe(false);
    }
  });

  it('counts multi-byte characters as bytes', () => {
    const wide = 'é'.repeat(700_000); // 1.4 MB of UTF-8, 700k UTF-16 units
    const batches = chunkTrackObjects(Array.from({ length: 4 }, (_, i) => item('events', i, { wide })), 'combined75');
    expect(sizes(batches)).toEqual([2, 2]);
  });

  it('sends an object over the limit alone and flags it', () => {
    const items = [item('events', 0), item('events', 1, { blob: 'x'.repeat(MAX_TRACK_PAYLOAD_BYTES) }), item('events', 2)];
    const batches = chunkTrackObjects(items, 'combined75');
    expect(batches.map((batch) => [batch.items.map((i) => i.ref), batch.oversized])).toEqual([
      [[0], false],
      [[1], true],
      [[2], false],
    ]);
  });
});

describe('attributeMinorErrors', () => {
  const items = [item('attributes', 0), item('events', 1), item('events', 2), item('purchases', 3), item('events', 4)];

  it('maps array + index of a chunk back to the original items', () => {
    const [, second] = chunkTrackObjects([...makeItems(75), ...items], 'combined75');
    const errors = [
      { reason: "'quantity' is not valid", array: 'purchases' as const, index: 0 },
      { reason: 'bad time', array: 'events' as const, index: 2 },
      { reason: 'no such', array: 'events' as const, index: 3 },
      { reason: 'no attributes sent', array: 'attributes' as const, index: 1 },
    ];
    expect(attributeMinorErrors(second!, errors)).toEqual([
      { error: errors[0], item: items[3], index: 78 },
      { error: errors[1], item: items[4], index: 79 },
      { error: errors[2], item: null, index: null },
      { error: errors[3], item: null, index: null },
    ]);
  });

  it('works on a batch rebuilt from queued items', () => {
    const batch = buildTrackBatch(items);
    expect(batch.body).toEqual({
      attributes: [items[0]!.object],
      events: [items[1]!.object, items[2]!.object, items[4]!.object],
      purchases: [items[3]!.object],
    });
    expect(attributeMinorErrors(batch, [{ reason: 't', array: 'events', index: 1 }])).toEqual([
      { error: { reason: 't', array: 'events', index: 1 }, item: items[2], index: 2 },
    ]);
  });

  it('returns nothing when Braze reported no errors', () => {
    expect(attributeMinorErrors(buildTrackBatch(items), undefined)).toEqual([]);
  });
});
