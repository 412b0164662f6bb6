import { describe, expect, it } from 'vitest';
import { DeliveryBatcher } from '@/lib/pipeline/deliver/delivery-batcher';
import type { TrackBody } from '@/lib/pipeline/deliver/send-track';
import { acceptedAnswer } from '@/test/braze-answers';
import type { DeliverItem } from '@/lib/queue/contracts';
import { stricterObjectLimitMode } from '@/lib/syncs/guard-status';
import { runtimeSync } from '@/test/runtime-sync';

function items(n: number, kind: DeliverItem['kind']): DeliverItem[] {
  return Array.from({ length: n }, (_, i) => ({ kind, object: { external_id: `u-${i}`, product_id: 'sku', price: 1 }, receivedAt: 0 }));
}

async function requestsFor(mode: 'combined75' | 'legacy75each' | 'mau50', jobs: DeliverItem[][]): Promise<TrackBody[]> {
  const bodies: TrackBody[] = [];
  const batcher = new DeliveryBatcher({
    lingerMs: 10_000,
    send: async (_sync, body) => (bodies.push(body), acceptedAnswer()),
    onTooManyObjects: async (sync) => stricterObjectLimitMode(sync.objectLimitMode),
  });
  const sync = runtimeSync({ objectLimitMode: mode });
  const outcomes = jobs.map((job) => batcher.submit(sync, job));
  await batcher.drain();
  await Promise.all(outcomes);
  return bodies;
}

const sizes = (bodies: TrackBody[]) => bodies.map((b) => [b.events?.length ?? 0, b.purchases?.length ?? 0]);

describe('DeliveryBatcher: purchases', () => {
  it('count toward the combined object limit with events', async () => {
    expect(sizes(await requestsFor('combined75', [items(50, 'events'), items(50, 'purchases')]))).toEqual([[50, 0], [0, 50]]);
    expect(sizes(await requestsFor('mau50', [items(30, 'events'), items(30, 'purchases')]))).toEqual([[30, 0], [0, 30]]);
  });

  it('have an array of their own under the legacy per-array limit', async () => {
    expect(sizes(await requestsFor('legacy75each', [items(50, 'events'), items(50, 'purchases')]))).toEqual([[50, 50]]);
    expect(sizes(await requestsFor('legacy75each', [items(50, 'purchases'), items(50, 'purchases')]))).toEqual([[0, 50], [0, 50]]);
  });
});
