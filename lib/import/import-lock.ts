/**
 * One runner per import at a time. A resume queues a new job while the job it replaces may still
 * be sending its last request; the new one waits for this lock, so no request of an import is
 * ever in flight twice. The lock expires by itself when its holder dies (renewed at a third of
 * its life while held).
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '@/lib/queue/connection';
import { RedisScript } from '@/lib/queue/redis-script';

const RELEASE = new RedisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`);
const EXTEND = new RedisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`);
const POLL_MS = 250;

export interface HeldImportLock {
  release(): Promise<void>;
}

/** Takes the import's lock, waiting up to `waitMs`; null when another runner still holds it. */
export async function takeImportLock(
  redis: RedisClient,
  prefix: string,
  importId: string,
  timing: { lockMs: number; waitMs: number },
  onRenewalError: (err: Error) => void,
): Promise<HeldImportLock | null> {
  const { lockMs, waitMs } = timing;
  const key = `${prefix}:import-lock:${importId}`;
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  while ((await redis.set(key, token, 'PX', lockMs, 'NX')) !== 'OK') {
    if (Date.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const renewal = setInterval(() => {
    // A lost renewal lets the lock expire; the runner's generation check still stops a stale run.
    EXTEND.run(redis, [key], [token, lockMs]).catch(onRenewalError);
  }, Math.max(100, Math.floor(lockMs / 3)));
  renewal.unref();
  return {
    release: async () => {
      clearInterval(renewal);
      await RELEASE.run(redis, [key], [token]);
    },
  };
}
