/**
 * One rate limiter per Braze workspace (REST API key), shared by every sync and worker through
 * Redis. It learns the window from Braze's own `X-RateLimit-Remaining` / `X-RateLimit-Reset`
 * headers (braze-api.md §4.2) and stops sending when the window is used up, until its reset;
 * a 429 empties the window. The key is never stored: workspaces are named by a digest of it.
 */
import { hash } from 'node:crypto';
import type { RedisClient } from '@/lib/queue/connection';
import { RedisScript } from '@/lib/queue/redis-script';

const ACQUIRE = new RedisScript(`
local reset = tonumber(redis.call('HGET', KEYS[1], 'reset'))
local now = tonumber(ARGV[1])
if reset == nil or now >= reset then return 0 end
local remaining = tonumber(redis.call('HGET', KEYS[1], 'remaining'))
if remaining ~= nil and remaining <= 0 then return reset - now end
redis.call('HINCRBY', KEYS[1], 'remaining', -1)
return 0`);

// Keep the lowest `remaining` seen for a window (answers arrive out of order); a new window
// replaces the old one.
const OBSERVE = new RedisScript(`
local reset = tonumber(ARGV[1])
local remaining = tonumber(ARGV[2])
local known = tonumber(redis.call('HGET', KEYS[1], 'reset'))
if known == nil or reset > known then
  redis.call('HSET', KEYS[1], 'reset', reset, 'remaining', remaining)
elseif reset == known then
  local current = tonumber(redis.call('HGET', KEYS[1], 'remaining'))
  if current == nil or remaining < current then redis.call('HSET', KEYS[1], 'remaining', remaining) end
end
redis.call('PEXPIRE', KEYS[1], math.max(1000, reset - tonumber(ARGV[3]) + 60000))
return 1`);

export interface RateLimitObservation {
  remaining: number | null;
  resetAt: number | null;
}

/**
 * Braze counts `/users/track` in its own window and the user-management endpoints
 * (`/users/delete`, `/users/identify`, `/users/alias/new`, `/users/merge`) in one shared
 * 20,000-per-minute window (braze-api.md §4.3): each is a bucket of its own here.
 */
export type RateBucket = 'track' | 'users-management';

export class WorkspaceRateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly bucket: RateBucket = 'track',
  ) {}

  private key(restApiKey: string): string {
    const workspace = hash('sha256', restApiKey, 'hex').slice(0, 24);
    return this.bucket === 'track' ? `${this.prefix}:ratelimit:${workspace}` : `${this.prefix}:ratelimit:${this.bucket}:${workspace}`;
  }

  /** 0 when a request may go now, else how many ms until the window resets. */
  async acquire(restApiKey: string, now = Date.now()): Promise<number> {
    return Number(await ACQUIRE.run(this.redis, [this.key(restApiKey)], [now]));
  }

  async observe(restApiKey: string, seen: RateLimitObservation, rateLimited: boolean, now = Date.now()): Promise<void> {
    if (seen.resetAt === null) return;
    const remaining = rateLimited ? 0 : (seen.remaining ?? Number.MAX_SAFE_INTEGER);
    await OBSERVE.run(this.redis, [this.key(restApiKey)], [seen.resetAt, remaining, now]);
  }
}
