import type { RedisClient } from '@/lib/queue/connection';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_BURST, ACCEPTED_KEPT_PER_SECOND, DELIVERY_LOG_SIZE, DeliveryLogWriter, type DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';

/** A Redis whose pipelines record their commands and answer after `delayMs`. */
function recordingRedis(delayMs = 5, fail = false) {
  const writes: [string, ...unknown[]][][] = [];
  const redis = {
    pipeline() {
      const commands: [string, ...unknown[]][] = [];
      const p = {
        lpush: (...args: unknown[]) => (commands.push(['lpush', ...args]), p),
        ltrim: (...args: unknown[]) => (commands.push(['ltrim', ...args]), p),
        exec: async () => {
          await new Promise((r) => setTimeout(r, delayMs));
          if (fail) throw new Error('redis down');
          writes.push(commands);
          return commands.map(() => [null, 1]);
        },
      };
      return p;
    },
  };
  return { writes, redis: redis as unknown as RedisClient };
}

const entry = (at: number): DeliveryLogEntry => ({ at, status: 201, outcome: 'accepted', errors: [], body: { events: [{ external_id: `u${at}` }] } });
const failed = (at: number): DeliveryLogEntry => ({ at, status: 500, outcome: 'retryable', reason: 'Braze answered 500', errors: [], body: { events: [{ external_id: `u${at}` }] } });
const partly = (at: number): DeliveryLogEntry => ({ ...entry(at), errors: [{ array: 'events', index: 0, reason: "'external_id' is required" }] });

describe('DeliveryLogWriter', () => {
  it('writes the first entry at once and the ones arriving meanwhile together, newest at the head', async () => {
    const { writes, redis } = recordingRedis();
    const log = new DeliveryLogWriter(redis, 'p');
    log.append('s1', entry(1));
    log.append('s1', entry(2));
    log.append('s2', entry(3));
    await new Promise((r) => setTimeout(r, 1));
    log.append('s1', entry(4));
    await log.flush();
    const ats = (c: unknown[]) => c.slice(2).map((e) => (JSON.parse(e as string) as DeliveryLogEntry).at);
    expect(writes).toHaveLength(3);
    expect(writes[0]!.map((c) => c[0])).toEqual(['lpush', 'ltrim']);
    expect(ats(writes[0]![0]!)).toEqual([1]);
    // Written meanwhile: one LPUSH per sync, oldest first, so the newest ends at the head; one
    // pipeline per sync's key, as a Redis Cluster needs (the syncs' keys are in other slots).
    expect(writes.slice(1).map((w) => w.map((c) => c.slice(0, 2)))).toEqual([
      [['lpush', 'p:delivery-log:{s1}'], ['ltrim', 'p:delivery-log:{s1}']],
      [['lpush', 'p:delivery-log:{s2}'], ['ltrim', 'p:delivery-log:{s2}']],
    ]);
    expect(ats(writes[1]![0]!)).toEqual([2, 4]);
    expect(ats(writes[2]![0]!)).toEqual([3]);
    expect(writes[1]![1]).toEqual(['ltrim', 'p:delivery-log:{s1}', 0, DELIVERY_LOG_SIZE - 1]);
  });

  it('stringifies no more entries than the log keeps', async () => {
    const { writes, redis } = recordingRedis();
    const log = new DeliveryLogWriter(redis, 'p');
    for (let i = 0; i < DELIVERY_LOG_SIZE + 200; i++) log.append('s', failed(i));
    await log.flush();
    const pushed = writes.flatMap((w) => w.filter((c) => c[0] === 'lpush').flatMap((c) => c.slice(2)));
    expect(pushed.length).toBeLessThanOrEqual(DELIVERY_LOG_SIZE + 1);
    expect(JSON.parse(pushed.at(-1) as string)).toMatchObject({ at: DELIVERY_LOG_SIZE + 199 });
  });

  it('reports a failed write and goes on', async () => {
    const { redis } = recordingRedis(1, true);
    const errors: string[] = [];
    const log = new DeliveryLogWriter(redis, 'p', (err) => errors.push(err.message));
    log.append('s', entry(1));
    await log.flush();
    log.append('s', entry(2));
    await log.flush();
    expect(errors).toEqual(['redis down', 'redis down']);
  });

  it(`keeps every request Braze accepted whole up to ${ACCEPTED_BURST} at once, then ${ACCEPTED_KEPT_PER_SECOND} a second per sync, and every other request`, async () => {
    const { writes, redis } = recordingRedis(0);
    let now = 1_000_000;
    const log = new DeliveryLogWriter(redis, 'p', () => {}, () => now);
    const kept = async () => {
      await log.flush();
      const ats = writes.flatMap((w) => w.filter((c) => c[0] === 'lpush').flatMap((c) => c.slice(2).map((e) => (JSON.parse(e as string) as DeliveryLogEntry).at)));
      writes.length = 0;
      return ats;
    };
    // A burst of 100 accepted requests of one sync, with failed and partly refused ones among them.
    for (let i = 0; i < 100; i++) log.append('s1', i % 10 === 3 ? failed(i) : i % 10 === 7 ? partly(i) : entry(i));
    const first = await kept();
    const accepted = first.filter((at) => at % 10 !== 3 && at % 10 !== 7);
    expect(accepted).toHaveLength(ACCEPTED_BURST);
    expect(first.filter((at) => at % 10 === 3 || at % 10 === 7)).toHaveLength(20);
    // Another sync has its own room.
    for (let i = 0; i < 5; i++) log.append('s2', entry(1_000 + i));
    expect(await kept()).toHaveLength(5);
    // Two seconds later: room for 10 more of s1.
    now += 2_000;
    for (let i = 0; i < 50; i++) log.append('s1', entry(2_000 + i));
    expect(await kept()).toHaveLength(2 * ACCEPTED_KEPT_PER_SECOND);
    // Calls other than /users/track are always kept.
    for (let i = 0; i < 30; i++) log.append('s1', { ...entry(3_000 + i), endpoint: '/users/identify' });
    expect(await kept()).toHaveLength(30);
  });
});
