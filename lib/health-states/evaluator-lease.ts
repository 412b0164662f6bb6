/**
 * One worker at a time judges sync health (any number may run): it holds a Redis lease it renews
 * at every check. Were several to judge, each from its own reads, a state could flip between
 * their verdicts and alert twice. A worker that dies frees the lease when it expires.
 */
import type { RedisClient } from '@/lib/queue/connection';
import { RedisScript } from '@/lib/queue/redis-script';

// Renew when held by us, else take it only when free; one script, so no one slips in between.
const ACQUIRE = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`);

const RELEASE = new RedisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`);

export const evaluatorLeaseKey = (prefix: string) => `${prefix}:health-evaluator`;

export async function holdEvaluatorLease(redis: RedisClient, prefix: string, owner: string, ttlMs: number): Promise<boolean> {
  return (await ACQUIRE.run(redis, [evaluatorLeaseKey(prefix)], [owner, ttlMs])) === 1;
}

export async function releaseEvaluatorLease(redis: RedisClient, prefix: string, owner: string): Promise<void> {
  await RELEASE.run(redis, [evaluatorLeaseKey(prefix)], [owner]);
}
