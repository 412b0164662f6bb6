import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { RedisMemoryWatch, readMemoryInfo } from '@/lib/queue/memory-watch';

describe('readMemoryInfo', () => {
  it('reads used_memory and maxmemory from INFO memory, not their look-alikes', () => {
    const info = '# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\nused_memory_rss:5000000\r\nmaxmemory:20971520\r\nmaxmemory_human:20.00M\r\n';
    expect(readMemoryInfo(info)).toEqual({ used: 1_048_576, max: 20_971_520 });
  });

  it('reports no limit when Redis has no maxmemory', () => {
    expect(readMemoryInfo('used_memory:100\r\nmaxmemory:0\r\n').max).toBe(0);
  });
});

describe('RedisMemoryWatch', () => {
  it('counts what this process wrote since the last reading, so a burst cannot overshoot', async () => {
    let used = 50;
    const redis = { info: async () => `used_memory:${used}\r\nmaxmemory:100\r\n` } as unknown as Redis;
    const watch = new RedisMemoryWatch(redis, 0.8);
    watch.start();
    await new Promise((r) => setTimeout(r, 20));
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
    const redis = { info: async () => 'used_memory:50\r\nmaxmemory:100\r\n' } as unknown as Redis;
    const watch = new RedisMemoryWatch(redis, 0.8);
    watch.start();
    await new Promise((r) => setTimeout(r, 20));
    // Requests in flight together: each is counted as soon as it passes, not once it is written.
    expect([watch.tryReserve(20), watch.tryReserve(20), watch.tryReserve(1)]).toEqual([true, true, false]);
    watch.stop();
  });
});
