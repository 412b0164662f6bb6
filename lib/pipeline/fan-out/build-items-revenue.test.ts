import { describe, expect, it } from 'vitest';
import type { AmplitudeEvent } from '@/lib/amplitude';
import { DEFAULT_REVENUE_MAPPING } from '@/lib/braze/revenue';
import { buildItemsForSync } from '@/lib/pipeline/fan-out/build-items';
import { dataPointsOf } from '@/lib/pipeline/fan-out/data-points';
import { runtimeSync } from '@/test/runtime-sync';

const time = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const revenue = (properties: Record<string, unknown>): AmplitudeEvent =>
  ({ event_type: 'revenue_amount', time, user_id: 'u-1', insert_id: 'i-1', event_properties: properties }) as AmplitudeEvent;

describe('buildItemsForSync: revenue', () => {
  it('sends revenue as an eCommerce event by default, and as purchases or the plain event when the sync says so', () => {
    const event = revenue({ $productId: 'sku', $price: 4, $quantity: 2 });
    const kinds = (mode: 'ecommerce' | 'purchases' | 'events') =>
      buildItemsForSync(runtimeSync({ revenue: { ...DEFAULT_REVENUE_MAPPING, mode } }), [event], 0).items.map((i) => [i.kind, i.object.name ?? i.object.product_id]);
    expect(kinds('ecommerce')).toEqual([['events', 'ecommerce.order_placed']]);
    expect(kinds('purchases')).toEqual([['purchases', 'sku']]);
    expect(kinds('events')).toEqual([['events', 'revenue_amount']]);
  });

  it('bills a purchase one data point per unit, and an eCommerce event one', () => {
    const event = revenue({ $productId: 'sku', $price: 4, $quantity: 3 });
    const cost = (mode: 'ecommerce' | 'purchases') => buildItemsForSync(runtimeSync({ revenue: { ...DEFAULT_REVENUE_MAPPING, mode } }), [event], 0).items.map(dataPointsOf);
    expect(cost('purchases')).toEqual([3]);
    expect(cost('ecommerce')).toEqual([1]);
  });

  it('keeps the source of each object, and counts revenue that cannot be made valid as invalid with its reason', () => {
    const out = buildItemsForSync(runtimeSync(), [revenue({ $price: 'free' }), revenue({ $price: 1, $productId: 'ok' })], 7);
    expect(out.invalid).toEqual([{ event: expect.objectContaining({ event_type: 'revenue_amount' }), reason: expect.stringMatching(/price "free" is not a number/) }]);
    expect(out.items).toEqual([expect.objectContaining({ kind: 'events', receivedAt: 7, eventType: 'revenue_amount', userId: 'u-1', insertId: 'i-1' })]);
  });

  it('applies the event selection to the source event, before mapping', () => {
    const sync = runtimeSync({ eventSelection: { rules: [{ eventType: 'Order Completed', where: [] }] } });
    const out = buildItemsForSync(sync, [revenue({ $price: 1 })], 0);
    expect(out).toMatchObject({ filtered: 1, items: [] });
  });
});
