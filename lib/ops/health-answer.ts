/**
 * `GET /api/health` as anyone may see it: the overall status and each check's result, without
 * internals (no hosts, ports or driver messages; those go to the log). 200 while the app can
 * serve (ok, or degraded: no worker is draining the queues), 503 when Postgres or Redis is down.
 * `warnings` names Redis settings that would lose events, or says they could not be checked.
 */
import type { HealthReport } from '@/lib/health/check';

export interface PublicCheck {
  ok: boolean;
  detail?: string;
  count?: number;
}

export interface HealthAnswer {
  status: 200 | 503;
  body: { status: HealthReport['status']; checks: Record<keyof HealthReport['checks'], PublicCheck>; warnings: string[] };
}

export function toHealthAnswer(report: HealthReport): HealthAnswer {
  const { postgres, redis, workers } = report.checks;
  const plain = (ok: boolean): PublicCheck => (ok ? { ok } : { ok, detail: 'not answering' });
  const workerCheck: PublicCheck =
    workers.count === undefined
      ? { ok: false, detail: 'could not be read' }
      : { ok: workers.ok, count: workers.count, ...(workers.ok ? {} : { detail: 'no worker has reported in the last 15 s' }) };
  return {
    status: report.status === 'down' ? 503 : 200,
    body: {
      status: report.status,
      checks: { postgres: plain(postgres.ok), redis: plain(redis.ok), workers: workerCheck },
      // Setting names and advice only (lib/health/redis-settings), nothing of the driver's.
      warnings: report.warnings,
    },
  };
}
