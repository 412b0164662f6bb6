import { describe, expect, it } from 'vitest';
import { DeliveryBatcher, type SendOutcome, type TrackBody } from '@/lib/pipeline/delivery-batcher';
import type { DeliverItem } from '@/lib/queue/contracts';
import { runtimeSync } from '@/test/runtime-sync';

function items(n: number, tag: string, kind: DeliverItem['kind'] = 'events'): DeliverItem[] {
  return Array.from({ length: n }, (_, i) => ({ kind, object: { external_id: `${tag}-${i}`, name: 'E' }, receivedAt: 0 }));
}

function recordingSender(answer: (body: TrackBody) => SendOutcome = () => ({ kind: 'accepted', status: 201, minorErrors: [] })) {
  const bodies: TrackBody[] = [];
  return { bodies, send: async (_s: unknown, body: TrackBody) => (bodies.push(body), answer(body)) };
}

describe('DeliveryBatcher', () => {
  it('packs small jobs of one sync into one request after the linger', async () => {
    const sender = recordingSender();
    const batcher = new DeliveryBatcher({ lingerMs: 20, send: sender.send });
    const sync = runtimeSync();
    const outcomes = await Promise.all([batcher.submit(sync, items(10, 'a')), batcher.submit(sync, items(20, 'b'))]);
    expect(sender.bodies).toHaveLength(1);
    expect(sender.bodies[0]!.events).toHaveLength(30);
    expect(outcomes).toEqual([{ kind: 'accepted', failed: [] }, { kind: 'accepted', failed: [] }]);
  });

  it('sends at once when a request is full, and never splits a job', async () => {
    const sender = recordingSender();
    const batcher = new DeliveryBatcher({ lingerMs: 10_000, send: sender.send });
    const sync = runtimeSync();
    await Promise.all([batcher.submit(sync, items(50, 'a')), batcher.submit(sync, items(50, 'b')), batcher.submit(sync, items(25, 'c'))]);
    expect(sender.bodies.map((b) => b.events!.length)).toEqual([50, 75]);
  });

  it('respects the sync object limit mode', async () => {
    const sender = recordingSender();
    const batcher = new DeliveryBatcher({ lingerMs: 10, send: sender.send });
    const sync = runtimeSync({ objectLimitMode: 'mau50' });
    await Promise.all([batcher.submit(sync, items(30, 'a')), batcher.submit(sync, items(30, 'b'))]);
    expect(sender.bodies.map((b) => b.events!.length)).toEqual([30, 30]);
  });

  it('gives each job back exactly its own minor errors', async () => {
    const sender = recordingSender(() => ({
      kind: 'accepted',
      status: 201,
      minorErrors: [{ array: 'events', index: 3, reason: 'bad' }, { array: 'attributes', index: 0, reason: 'worse' }],
    }));
    const batcher = new DeliveryBatcher({ lingerMs: 5, send: sender.send });
    const sync = runtimeSync();
    const a = items(2, 'a');
    const b = [...items(2, 'b'), ...items(1, 'b-attr', 'attributes')];
    const [oa, ob] = await Promise.all([batcher.submit(sync, a), batcher.submit(sync, b)]);
    expect(oa).toEqual({ kind: 'accepted', failed: [] });
    expect(ob).toEqual({ kind: 'accepted', failed: [{ item: b[1], reason: 'bad' }, { item: b[2], reason: 'worse' }] });
    expect(Object.keys(sender.bodies[0]!)).toEqual(['events', 'attributes']);
  });

  it('hands a retryable outcome to every job of the request', async () => {
    const sender = recordingSender(() => ({ kind: 'retryable', status: 429, reason: 'rate limited', resetAt: 123, maybeProcessed: false }));
    const batcher = new DeliveryBatcher({ lingerMs: 5, send: sender.send });
    const sync = runtimeSync();
    const outcomes = await Promise.all([batcher.submit(sync, items(1, 'a')), batcher.submit(sync, items(1, 'b'))]);
    expect(outcomes.every((o) => o.kind === 'retryable' && o.resetAt === 123)).toBe(true);
  });

  it('keeps syncs apart and drains what waits', async () => {
    const sender = recordingSender();
    const batcher = new DeliveryBatcher({ lingerMs: 60_000, send: sender.send });
    const pending = [batcher.submit(runtimeSync({ id: 's1' }), items(3, 'a')), batcher.submit(runtimeSync({ id: 's2' }), items(4, 'b'))];
    await batcher.drain();
    await Promise.all(pending);
    expect(sender.bodies.map((b) => b.events!.length).sort()).toEqual([3, 4]);
  });
});
