/**
 * An import's share of its Braze workspace's request budget. Braze limits `/users/track` per
 * workspace and window (braze-api.md §4.1) and says the window's size and end in every answer
 * (`X-RateLimit-Limit`, `X-RateLimit-Reset`, §4.2). Imports of one workspace together send at most
 * `share` % of that limit per window, counted in Redis across workers, so live traffic always
 * keeps the rest. (The workspace's shared limiter, lib/pipeline/state/rate-limiter, still applies on top.)
 * Until an answer has told the window, one request at a time goes to learn it.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from '@/lib/queue/connection';
import { RedisScript } from '@/lib/queue/redis-script';

// KEYS[1] the workspace's share hash; ARGV now, share (percent). Returns ms to wait, 0 to go,
// -1 to go and learn the window.
const TAKE = new RedisScript(`
local reset = tonumber(redis.call('HGET', KEYS[1], 'reset'))
local now = tonumber(ARGV[1])
if reset == nil or now >= reset then
  if redis.call('HGET', KEYS[1], 'probe') then return 250 end
  redis.call('HSET', KEYS[1], 'probe', 1)
  -- A runner that dies while probing frees the probe once a request would have timed out.
  redis.call('PEXPIRE', KEYS[1], 15000)
  return -1
end
local limit = tonumber(redis.call('HGET', KEYS[1], 'limit'))
local budget = math.max(1, math.floor(limit * tonumber(ARGV[2]) / 100))
local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
if used >= budget then return reset - now end
redis.call('HINCRBY', KEYS[1], 'used', 1)
return 0`);

// ARGV reset (ms), limit, now, whether the request was a probe. A newer window starts counting
// with this request; the same window was counted when the request took its place.
const OBSERVE = new RedisScript(`
local known = tonumber(redis.call('HGET', KEYS[1], 'reset'))
local reset = tonumber(ARGV[1])
if known == nil or reset > known then
  redis.call('HSET', KEYS[1], 'reset', reset, 'limit', ARGV[2], 'used', 1)
elseif ARGV[4] == '1' and reset == known then
  redis.call('HINCRBY', KEYS[1], 'used', 1)
end
redis.call('HDEL', KEYS[1], 'probe')
redis.call('PEXPIRE', KEYS[1], math.max(1000, reset - tonumber(ARGV[3]) + 60000))
return 1`);

export interface RateWindow {
  limit: number | null;
  resetAt: number | null;
}

export class ImportRateShare {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private key(restApiKey: string): string {
    const workspace = createHash('sha256').update(restApiKey).digest('hex').slice(0, 24);
    return `${this.prefix}:import-share:${workspace}`;
  }

  /** 0 when a request may go now, else ms to wait. `probe` is set when it goes to learn the window. */
  async take(restApiKey: string, sharePercent: number, now = Date.now()): Promise<{ waitMs: number; probe: boolean }> {
    const answer = Number(await TAKE.run(this.redis, [this.key(restApiKey)], [now, sharePercent]));
    return { waitMs: Math.max(0, answer), probe: answer === -1 };
  }

  /** Records the window an answer told; without one (no headers) the probe is released. */
  async observe(restApiKey: string, seen: RateWindow, probe: boolean, now = Date.now()): Promise<void> {
    if (seen.resetAt === null || seen.limit === null) {
      await this.redis.hdel(this.key(restApiKey), 'probe');
      return;
    }
    await OBSERVE.run(this.redis, [this.key(restApiKey)], [seen.resetAt, seen.limit, now, probe ? '1' : '0']);
  }
}
