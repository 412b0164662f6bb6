import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { RedisMemoryWatch, fullest, readMemoryInfo } from '@/lib/queue/memory-watch';

describe('readMemoryInfo', () => {
  it('reads used_memory and maxmemory from INFO memory, not their look-alikes', () => {
    const info = '# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\nused_memory_rss:5000000\r\nmaxmemory:20971520\r\nmaxmemory_human:20.00M\r\n';
    expect(readMemoryInfo(info)).toEqual({ used: 1_048_576, max: 20_971_520 });
  });

  it('reports no limit when Redis has no maxmemory', () => {
    expect(readMemoryInfo('used_memory:100\r\nmaxmemory:0\r\n').max).toBe(0);
  });
});

/**
 * A Redis answering INFO with `reply()`. `firstReading()` resolves once the watch has taken in
 * its first answer: it awaits the same promise after the watch did, so it resumes after the
 * watch's handler ran.
 */
function answeringRedis(reply: () => string) {
  const answers: Promise<string>[] = [];
  const redis = {
    info: () => {
      const answer = Promise.resolve(reply());
      answers.push(answer);
      return answer;
    },
  } as unknown as Redis;
  return { redis, firstReading: async () => void (await answers[0]) };
}

describe('fullest', () => {
  it("takes the master nearest its maxmemory, so one full master's slots stop ingestion", () => {
    const readings = [
      { used: 900, max: 10_000 },
      { used: 700, max: 1_000 },
      { used: 5_000, max: 0 },
    ];
    expect(fullest(readings)).toEqual({ used: 700, max: 1_000 });
    expect(fullest([{ used: 5, max: 0 }])).toEqual({ used: 5, max: 0 });
  });
});

describe('RedisMemoryWatch', () => {
  it('counts what this process wrote since the last reading, so a burst cannot overshoot', async () => {
    let used = 50;
    const { redis, firstReading } = answeringRedis(() => `used_memory:${used}\r\nmaxmemory:100\r\n`);
    const watch = new RedisMemoryWatch(redis, 0.8);
    watch.start();
    await firstReading();
    expect(watch.full).toBe(false);
    watch.noteWrite(20);
    expect(watch.full).toBe(false);
    watch.noteWrite(15);
    expect(watch.full).toBe(true);
    watch.stop();
    used = 40;
    expect(new RedisMemoryWatch(redis, 0).full).toBe(false);
  });

  it('reserves before a write and refuses once the reservations reach the high-water mark', async () => {
    const { redis, firstReading } = answeringRedis(() => 'used_memory:50\r\nmaxmemory:100\r\n');
    const watch = new RedisMemoryWatch(redis, 0.8);
    watch.start();
    await firstReading();
    // Requests in flight together: each is counted as soon as it passes, not once it is written.
    expect([watch.tryReserve(20), watch.tryReserve(20), watch.tryReserve(1)]).toEqual([true, true, false]);
    watch.stop();
  });
});
