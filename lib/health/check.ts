/**
 * Liveness and readiness: Postgres answers, Redis answers, and at least one worker is alive (and,
 * with WORKER_PARTITIONS, every partition has one); plus warnings about Redis settings that would
 * lose events.
 * Each check has its own short timeout, so a hung dependency makes the check fail, not hang.
 */
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { listLiveWorkers, unconsumedPartitions } from '@/lib/health/heartbeat';
import { checkRedisSettings, redisSettingWarnings } from '@/lib/health/redis-settings';
import { producerConnection } from '@/lib/queue/queues';

interface CheckResult {
  ok: boolean;
  detail?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: { postgres: CheckResult; redis: CheckResult; workers: CheckResult & { count?: number } };
  /** Settings that put accepted events at risk (lib/health/redis-settings); they do not change the status. */
  warnings: string[];
}

async function timed<T>(work: Promise<T>, ms = 2_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const failure = (err: unknown): CheckResult => ({ ok: false, detail: (err as Error).message });

function workersCheck(live: { id: string }[]): HealthReport['checks']['workers'] {
  if (live.length === 0) return { ok: false, count: 0, detail: 'no worker has reported in the last 15 s' };
  const missing = unconsumedPartitions(live.map((w) => w.id), env().QUEUE_PARTITIONS);
  if (missing.length > 0) {
    return { ok: false, count: live.length, detail: `no live worker consumes partition ${missing.join(', ')} (WORKER_PARTITIONS): its events wait` };
  }
  return { ok: true, count: live.length };
}

export async function checkHealth(): Promise<HealthReport> {
  const [postgres, redis, workers, warnings] = await Promise.all([
    timed(prisma().$queryRaw`SELECT 1`).then((): CheckResult => ({ ok: true }), failure),
    timed(producerConnection().ping()).then((): CheckResult => ({ ok: true }), failure),
    timed(listLiveWorkers(producerConnection(), env().QUEUE_PREFIX)).then(workersCheck, failure),
    // Redis down is said by its own check already.
    timed(checkRedisSettings(producerConnection())).then(redisSettingWarnings, () => []),
  ]);
  const status = !postgres.ok || !redis.ok ? 'down' : workers.ok ? 'ok' : 'degraded';
  return { status, checks: { postgres, redis, workers }, warnings };
}
