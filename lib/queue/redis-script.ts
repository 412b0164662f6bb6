/**
 * A Lua script run by its SHA1 (`EVALSHA`): its text crosses the connection once per Redis
 * process instead of with every call, and Redis need not hash it again. When Redis does not hold
 * it (first call, restart, failover, `SCRIPT FLUSH`) it is sent once with `EVAL`, which caches it.
 */
import { hash } from 'node:crypto';
import type { RedisClient } from '@/lib/queue/connection';

export class RedisScript {
  readonly sha: string;

  constructor(readonly lua: string) {
    this.sha = hash('sha1', lua, 'hex');
  }

  async run(redis: RedisClient, keys: readonly string[], args: readonly (string | number)[] = []): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}
