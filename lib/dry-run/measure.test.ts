import { describe, expect, it } from 'vitest';
import type { AmplitudeEvent } from '@/lib/amplitude';
import { measureJsonBytes } from '@/lib/braze';
import { measureRequests, SAMPLE_MAX_BYTES, sampleOf } from '@/lib/dry-run/measure';
import { estimateFromHours, MIN_OBSERVED_MS, TRACK_REQUESTS_PER_HOUR } from '@/lib/dry-run/estimate';
import { emptyCounts } from '@/lib/dry-run/measure';
import { buildItemsForSync } from '@/lib/pipeline/fan-out/build-items';
import { chunkForDelivery } from '@/lib/pipeline/fan-out/fanout';
import { runtimeSync } from '@/test/runtime-sync';

const time = Date.UTC(2026, 0, 2, 3, 4, 5);
const events = (n: number): AmplitudeEvent[] =>
  Array.from({ length: n }, (_, i) => ({ event_type: 'Viewed', time: time + i, user_id: `user-${i % 7}`, insert_id: `i-${i}` }) as AmplitudeEvent);

function measured(sync = runtimeSync(), list = events(160), users?: Parameters<typeof buildItemsForSync>[3]) {
  const built = buildItemsForSync(sync, list, 1, users);
  return measureRequests({ built, requests: chunkForDelivery(sync, built.items) });
}

describe('measureRequests', () => {
  it('counts the requests delivery would pack: 160 events are 75 + 75 + 10, one data point each', () => {
    const { counts, sample } = measured();
    expect(counts).toMatchObject({ events: 160, attributeUpdates: 0, dataPoints: 160, requests: 3, filtered: 0, skipped: 0 });
    expect(sample?.objects).toBe(10);
    expect(sample?.body.events).toHaveLength(10);
    expect(counts.bytes).toBeGreaterThan(160 * 40);
  });

  it('follows the sync\'s object limit (50 on MAU contracts)', () => {
    expect(measured(runtimeSync({ objectLimitMode: 'mau50' })).counts.requests).toBe(4);
  });

  it('counts attribute updates after de-duplication, each written attribute a data point, and what de-dup saved', () => {
    const sync = runtimeSync({ sendUsers: true, userProperties: ['plan', 'city'], sendEvents: false });
    const list = [
      { event_type: '$identify', time, user_id: 'u-1' },
      { event_type: '$identify', time: time + 1, user_id: 'u-2' },
    ] as AmplitudeEvent[];
    const changes = new Map([
      [0, [{ key: 'plan', op: 'set' as const, value: 'pro' }, { key: 'city', op: 'set' as const, value: 'Paris' }]],
      [1, [{ key: 'plan', op: 'set' as const, value: 'pro' }]],
    ]);
    const sent = new Map([['u:u-2', { plan: `${time - 5}|"pro"` }]]);
    const built = buildItemsForSync(sync, list, 1, { changes, views: new Map() }, sent);
    const { counts } = measureRequests({ built, requests: chunkForDelivery(sync, built.items) });
    expect(counts).toMatchObject({ events: 0, attributeUpdates: 1, dataPoints: 2, dataPointsSaved: 1, requests: 1 });
  });

  it('keeps a large request\'s first objects in its sample, under the bound, and says how many it had', () => {
    const names = Array.from({ length: 12 }, (_, i) => `text${i}`);
    const big = events(75).map((e) => ({ ...e, event_properties: Object.fromEntries(names.map((n) => [n, 'x'.repeat(250)])) }));
    const sync = runtimeSync({ eventProperties: { eventProperties: names, userProperties: [] } });
    const built = buildItemsForSync(sync, big, 1);
    const sample = sampleOf(chunkForDelivery(sync, built.items)[0]!.items);
    expect(sample.objects).toBe(75);
    expect(sample.objectsShown).toBeLessThan(75);
    expect(measureJsonBytes(sample.body)).toBeLessThanOrEqual(SAMPLE_MAX_BYTES);
    expect(sample.bytes).toBeGreaterThan(SAMPLE_MAX_BYTES);
  });
});

describe('estimateFromHours', () => {
  const hour = (at: number, figures: Partial<ReturnType<typeof emptyCounts>>, firstAt = at) => ({
    ...emptyCounts(),
    ...figures,
    hour: new Date(Math.floor(at / 3_600_000) * 3_600_000),
    firstAt: new Date(firstAt),
  });

  it('projects the pace since the first measurement per hour, day and month, with the rate-limit share', () => {
    const now = Date.UTC(2026, 0, 2, 12, 0, 0);
    const rows = [hour(now - 2 * 3_600_000, { events: 100, dataPoints: 150, requests: 4 }), hour(now - 3_600_000, { events: 300, dataPoints: 450, requests: 8 })];
    const estimate = estimateFromHours(rows, now);
    expect(estimate.observedMs).toBe(2 * 3_600_000);
    expect(estimate.perHour).toMatchObject({ events: 200, dataPoints: 300, requests: 6 });
    expect(estimate.perDay.dataPoints).toBe(7_200);
    expect(estimate.perMonth.dataPoints).toBe(216_000);
    expect(estimate.rateLimitShare).toBeCloseTo(6 / TRACK_REQUESTS_PER_HOUR);
    expect(estimate.hours.map((h) => h.events)).toEqual([300, 100]);
  });

  it('reads a first burst as lasting at least a minute, and nothing before any traffic', () => {
    const now = Date.UTC(2026, 0, 2, 12, 0, 0);
    expect(estimateFromHours([hour(now - 1_000, { events: 10 })], now)).toMatchObject({ observedMs: MIN_OBSERVED_MS, perHour: { events: 600 } });
    expect(estimateFromHours([], now)).toMatchObject({ since: null, observedMs: 0, perHour: emptyCounts(), rateLimitShare: 0 });
  });
});
