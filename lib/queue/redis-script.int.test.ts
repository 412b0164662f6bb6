/**
 * Scripts run by their SHA1 against a real Redis: one Redis has never seen sends its text once,
 * after which Redis holds it; on the auto-pipelined state connection too, many calls at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '@/lib/queue/connection';
import { RedisScript } from '@/lib/queue/redis-script';
import { scratchRedisForFile } from '@/test/scratch-redis';

const scratch = scratchRedisForFile('redis-script');
const state = createRedisConnection('state');
afterAll(() => state.disconnect());

// A comment unique to this run: Redis cannot hold the script from an earlier one.
const script = () => new RedisScript(`-- ${randomUUID()}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])`);

describe('RedisScript', () => {
  it('sends a script Redis does not hold once, then runs it by SHA1', async () => {
    const redis = scratch.redis();
    const incr = script();
    const key = `${scratch.prefix}:counter`;
    expect(await redis.script('EXISTS', incr.sha)).toEqual([0]);
    expect(await incr.run(redis, [key], [2])).toBe(2);
    expect(await redis.script('EXISTS', incr.sha)).toEqual([1]);
    expect(await incr.run(redis, [key], [3])).toBe(5);
  });

  it('answers each of many calls issued at once on the auto-pipelined state connection', async () => {
    const incr = script();
    const keys = Array.from({ length: 50 }, (_, i) => `${scratch.prefix}:many:${i % 5}`);
    const answers = await Promise.all(keys.map((key) => incr.run(state, [key], [1])));
    expect(answers).toHaveLength(50);
    for (let i = 0; i < 5; i++) expect(await scratch.redis().get(`${scratch.prefix}:many:${i}`)).toBe('10');
  });

  it('passes on errors of the script itself', async () => {
    const failing = new RedisScript(`-- ${randomUUID()}\nreturn redis.error_reply('BAD input')`);
    await expect(failing.run(scratch.redis(), [`${scratch.prefix}:x`])).rejects.toThrow('BAD input');
  });
});
