import { describe, expect, it } from 'vitest';
import type { AmplitudeEvent } from '@/lib/amplitude';
import { DEFAULT_REVENUE_MAPPING } from '@/lib/braze/revenue';
import { buildItemsForSync } from '@/lib/pipeline/fan-out/build-items';
import { leaseRequestOf } from '@/lib/pipeline/deliver/deliver-job';
import { runtimeSync } from '@/test/runtime-sync';

const time = Date.UTC(2026, 0, 2, 3, 4, 5);
const purchase: AmplitudeEvent = {
  event_type: 'revenue_amount',
  time,
  user_id: 'u-1',
  user_properties: { $set: { plan: 'gold' } },
  event_properties: { $productId: 'sku', $price: 4, $quantity: 1 },
} as AmplitudeEvent;
const sync = runtimeSync({ sendUsers: true, userProperties: ['plan'], revenue: { ...DEFAULT_REVENUE_MAPPING, mode: 'purchases' } });
const changes = { changes: new Map([[0, [{ key: 'plan', op: 'set' as const, value: 'gold' }]]]), views: new Map() };

describe('purchases keep their user order like events', () => {
  const { items } = buildItemsForSync(sync, [purchase], 0, changes, new Map());

  it('keys a purchase by its user', () => {
    expect(items.map((i) => [i.kind, i.remember?.userKey ?? i.userKey])).toEqual([
      ['attributes', 'u:u-1'],
      ['purchases', 'u:u-1'],
    ]);
  });

  it('makes a job with a purchase wait for earlier attribute updates of its user', () => {
    const lease = leaseRequestOf(sync.id, { syncId: sync.id, items: items.filter((i) => i.kind === 'purchases') }, 'job-1', undefined);
    expect(lease).toMatchObject({ take: [], free: ['u:u-1'] });
  });
});
