import { describe, expect, it } from 'vitest';
import type { TrackOutcome } from '@/lib/braze';
import { DeliveryBatcher } from '@/lib/pipeline/deliver/delivery-batcher';
import type { TrackBody } from '@/lib/pipeline/deliver/send-track';
import { acceptedAnswer, rateLimitedAnswer, tooManyObjectsAnswer, unavailableAnswer } from '@/test/braze-answers';
import type { DeliverItem } from '@/lib/queue/contracts';
import { stricterObjectLimitMode } from '@/lib/syncs/guard-status';
import { runtimeSync } from '@/test/runtime-sync';

function items(n: number, tag: string, kind: DeliverItem['kind'] = 'events'): DeliverItem[] {
  return Array.from({ length: n }, (_, i) => ({ kind, object: { external_id: `${tag}-${i}`, name: 'E' }, receivedAt: 0 }));
}

function recordingSender(answer: (body: TrackBody) => TrackOutcome = () => acceptedAnswer()) {
  const bodies: TrackBody[] = [];
  return { bodies, send: async (_s: unknown, body: TrackBody) => (bodies.push(body), answer(body)) };
}

const stricterOf = async (sync: { objectLimitMode: Parameters<typeof stricterObjectLimitMode>[0] }) => stricterObjectLimitMode(sync.objectLimitMode);

describe('DeliveryBatcher', () => {
  it('packs small jobs of one sync into one request after the linger', async () => {
    const sender = recordingSender();
    const batcher = new DeliveryBatcher({ lingerMs: 20, send: sender.send, onTooManyObjects: stricterOf });
    const sync = runtimeSync();
    const outcomes = await Promise.all([batcher.submit(sync, items(10, 'a')), batcher.submit(sync, items(20, 'b'))]);
    expect(sender.bodies).toHaveLength(1);
    expect(sender.bodies[0]!.events).toHaveLength(30);
    expect(outcomes).toEqual([{ kind: 'accepted', failed: [] }, { kind: 'accepted', failed: [] }]);
  });

  it('sends at once when a request is full, never splits a job, and lets the rest linger', async () => {
    const sender = recordingSender();
    const batcher = new DeliveryBatcher({ lingerMs: 10_000, send: sender.send, onTooManyObjects: stricterOf });
    const sync = runtimeSync();
    const outcomes = [batcher.submit(sync, items(50, 'a')), batcher.submit(sync, items(50, 'b')), batcher.submit(sync, items(25, 'c'))];
    await Promise.all([outcomes[0], outcomes[2]]);
    // a + c fill a request, in arrival order; b alone would be two-thirds full, so it waits.
    expect(sender.bodies.map((b) => b.events!.map((o) => o.external_id as string)[0])).toEqual(['a-0']);
    expect(sender.bodies[0]!.events!.map((o) => (o.external_id as string)[0])).toEqual([...'a'.repeat(50), ...'c'.repeat(25)]);
    await batcher.drain();
    await outcomes[1];
    expect(sender.bodies.map((b) => b.events!.length)).toEqual([75, 50]);
  });

  it('sends a partial request when its linger is over, and not before', async () => {
    const sender = recordingSender();
    const batcher = new DeliveryBatcher({ lingerMs: 60, send: sender.send, onTooManyObjects: stricterOf });
    const sync = runtimeSync();
    const started = Date.now();
    const first = batcher.submit(sync, items(50, 'a'));
    await new Promise((r) => setTimeout(r, 30));
    const second = batcher.submit(sync, items(50, 'b'));
    await first;
    expect(Date.now() - started).toBeGreaterThanOrEqual(59);
    expect(sender.bodies.map((b) => b.events!.length)).toEqual([50]);
    await second;
    expect(sender.bodies.map((b) => b.events!.length)).toEqual([50, 50]);
  });

  it('fills requests with jobs of 75 and 25 objects, whatever their order: ≥ 70 objects per request', async () => {
    const sender = recordingSender();
    const batcher = new DeliveryBatcher({ lingerMs: 10_000, send: sender.send, onTooManyObjects: stricterOf });
    const sync = runtimeSync();
    const outcomes: Promise<unknown>[] = [];
    for (let i = 0; i < 400; i++) {
      // Fan-out of 100-event requests: a 75 and a 25, the 25 first every other time.
      const pair = [items(75, `l${i}`), items(25, `s${i}`)];
      for (const job of i % 2 === 0 ? pair : pair.reverse()) outcomes.push(batcher.submit(sync, job));
    }
    await batcher.drain();
    await Promise.all(outcomes);
    const sizes = sender.bodies.map((b) => b.events!.length);
    expect(sizes.reduce((n, s) => n + s, 0)).toBe(40_000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(75);
    expect(40_000 / sizes.length).toBeGreaterThanOrEqual(74.5);
  });

  it('fills requests with jobs of mixed sizes and kinds within every Braze limit: ≥ 70 objects per request', async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (const mode of ['combined75', 'legacy75each'] as const) {
      const sender = recordingSender();
      const batcher = new DeliveryBatcher({ lingerMs: 10_000, send: sender.send, onTooManyObjects: stricterOf });
      const sync = runtimeSync({ objectLimitMode: mode });
      const outcomes: Promise<unknown>[] = [];
      let sent = 0;
      for (let i = 0; i < 1_000; i++) {
        const job = [...items(1 + Math.floor(random() * 60), `e${i}`), ...items(Math.floor(random() * 15), `a${i}`, 'attributes')];
        sent += job.length;
        outcomes.push(batcher.submit(sync, job));
      }
      await batcher.drain();
      await Promise.all(outcomes);
      const limit = mode === 'combined75' ? { total: 75, perArray: 75 } : { total: 150, perArray: 75 };
      for (const body of sender.bodies) {
        expect((body.events?.length ?? 0) + (body.attributes?.length ?? 0)).toBeLessThanOrEqual(limit.total);
        expect(body.events?.length ?? 0).toBeLessThanOrEqual(limit.perArray);
        expect(body.attributes?.length ?? 0).toBeLessThanOrEqual(limit.perArray);
      }
      expect(sender.bodies.reduce((n, b) => n + (b.events?.length ?? 0) + (b.attributes?.length ?? 0), 0)).toBe(sent);
      expect(sent / sender.bodies.length).toBeGreaterThanOrEqual(70);
    }
  });

  it('respects the sync object limit mode', async () => {
    const sender = recordingSender();
    const batcher = new DeliveryBatcher({ lingerMs: 10, send: sender.send, onTooManyObjects: stricterOf });
    const sync = runtimeSync({ objectLimitMode: 'mau50' });
    await Promise.all([batcher.submit(sync, items(30, 'a')), batcher.submit(sync, items(30, 'b'))]);
    expect(sender.bodies.map((b) => b.events!.length)).toEqual([30, 30]);
  });

  it('gives each job back exactly its own minor errors', async () => {
    const sender = recordingSender(() =>
      acceptedAnswer([
        { array: 'events', index: 3, reason: 'bad' },
        { array: 'attributes', index: 0, reason: 'worse' },
      ]),
    );
    const batcher = new DeliveryBatcher({ lingerMs: 5, send: sender.send, onTooManyObjects: stricterOf });
    const sync = runtimeSync();
    const a = items(2, 'a');
    const b = [...items(2, 'b'), ...items(1, 'b-attr', 'attributes')];
    const [oa, ob] = await Promise.all([batcher.submit(sync, a), batcher.submit(sync, b)]);
    expect(oa).toEqual({ kind: 'accepted', failed: [] });
    expect(ob).toEqual({ kind: 'accepted', failed: [{ item: b[1], reason: 'bad' }, { item: b[2], reason: 'worse' }] });
    // lib/braze's one request builder: attributes first, as Braze applies them.
    expect(Object.keys(sender.bodies[0]!)).toEqual(['attributes', 'events']);
  });

  it('hands a retryable outcome to every job of the request', async () => {
    const sender = recordingSender(() => rateLimitedAnswer(123));
    const batcher = new DeliveryBatcher({ lingerMs: 5, send: sender.send, onTooManyObjects: stricterOf });
    const sync = runtimeSync();
    const outcomes = await Promise.all([batcher.submit(sync, items(1, 'a')), batcher.submit(sync, items(1, 'b'))]);
    expect(outcomes.every((o) => o.kind === 'retryable' && o.retryAt === 123_000 && !o.maybeProcessed)).toBe(true);
  });

  it('keeps syncs apart and drains what waits', async () => {
    const sender = recordingSender();
    const batcher = new DeliveryBatcher({ lingerMs: 60_000, send: sender.send, onTooManyObjects: stricterOf });
    const pending = [batcher.submit(runtimeSync({ id: 's1' }), items(3, 'a')), batcher.submit(runtimeSync({ id: 's2' }), items(4, 'b'))];
    await batcher.drain();
    await Promise.all(pending);
    expect(sender.bodies.map((b) => b.events!.length).sort()).toEqual([3, 4]);
  });
  it('moves to the stricter object limit when Braze refuses a request as too many objects, and sends its objects split', async () => {
    const sender = recordingSender((body) => (body.events!.length > 50 ? tooManyObjectsAnswer() : acceptedAnswer([{ array: 'events', index: 1, reason: 'bad' }])));
    const switched: string[] = [];
    const onTooManyObjects = async (sync: Parameters<typeof stricterOf>[0]) => (switched.push(sync.objectLimitMode), stricterOf(sync));
    const batcher = new DeliveryBatcher({ lingerMs: 5, send: sender.send, onTooManyObjects });
    const sync = runtimeSync({ objectLimitMode: 'combined75' });
    const a = items(40, 'a');
    const b = items(35, 'b');
    const [oa, ob] = await Promise.all([batcher.submit(sync, a), batcher.submit(sync, b)]);
    expect(sender.bodies.map((body) => body.events!.length)).toEqual([75, 50, 25]);
    expect(switched).toEqual(['combined75']);
    // Each job gets back its own failures from the request that carried them.
    expect(oa).toEqual({ kind: 'accepted', failed: [{ item: a[1], reason: 'bad' }] });
    expect(ob).toEqual({ kind: 'accepted', failed: [{ item: b[1 + 10], reason: 'bad' }] });
    // Later requests of the sync are packed to the new limit at once.
    await batcher.submit(sync, items(60, 'c'));
    expect(sender.bodies.slice(3).map((body) => body.events!.length)).toEqual([50, 10]);
  });

  it('keeps the refusal when no mode is stricter', async () => {
    const sender = recordingSender(() => tooManyObjectsAnswer());
    const batcher = new DeliveryBatcher({ lingerMs: 5, send: sender.send, onTooManyObjects: stricterOf });
    const outcome = await batcher.submit(runtimeSync({ objectLimitMode: 'mau50' }), items(3, 'a'));
    expect(outcome).toMatchObject({ kind: 'permanent', status: 400, reason: expect.stringContaining('Max Input Length Exceeded'), failed: [] });
    expect(sender.bodies).toHaveLength(1);
  });

  it('a job split over requests is retried, as maybe processed, when one of them is to be retried', async () => {
    let n = 0;
    const sender = recordingSender(() => (n++ === 0 ? acceptedAnswer() : unavailableAnswer(503)));
    const batcher = new DeliveryBatcher({ lingerMs: 5, send: sender.send, onTooManyObjects: stricterOf });
    const outcome = await batcher.submit(runtimeSync({ objectLimitMode: 'mau50' }), items(60, 'a'));
    expect(outcome).toMatchObject({ kind: 'retryable', status: 503, maybeProcessed: true });
  });
});
