import { describe, expect, it } from 'vitest';
import type { HealthReport } from '@/lib/health/check';
import { toHealthAnswer } from '@/lib/ops/health-answer';

const ok = { ok: true };

describe('toHealthAnswer', () => {
  it('ok: 200 with every check and the number of live workers', () => {
    const report: HealthReport = { status: 'ok', checks: { postgres: ok, redis: ok, workers: { ok: true, count: 2 } }, warnings: [] };
    expect(toHealthAnswer(report)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { postgres: { ok: true }, redis: { ok: true }, workers: { ok: true, count: 2 } }, warnings: [] },
    });
  });

  it('degraded (no worker): still 200, saying why', () => {
    const report: HealthReport = { status: 'degraded', checks: { postgres: ok, redis: ok, workers: { ok: false, count: 0, detail: 'x' } }, warnings: [] };
    expect(toHealthAnswer(report)).toMatchObject({ status: 200, body: { status: 'degraded', checks: { workers: { ok: false, count: 0, detail: 'no worker has reported in the last 15 s' } } } });
  });

  it('passes the Redis settings warnings on, whatever the status', () => {
    const warning = 'Redis has appendonly no: queued events are lost when Redis restarts; set appendonly yes';
    const report: HealthReport = { status: 'ok', checks: { postgres: ok, redis: ok, workers: { ok: true, count: 1 } }, warnings: [warning] };
    expect(toHealthAnswer(report)).toMatchObject({ status: 200, body: { status: 'ok', warnings: [warning] } });
  });

  it('down: 503, naming the failed checks without the driver messages', () => {
    const report: HealthReport = {
      status: 'down',
      checks: {
        postgres: { ok: false, detail: 'connect ECONNREFUSED 10.0.0.7:5432 password=secret' },
        redis: ok,
        workers: { ok: false, detail: 'connect ECONNREFUSED 10.0.0.8:6379' },
      },
      warnings: [],
    };
    const answer = toHealthAnswer(report);
    expect(answer).toEqual({
      status: 503,
      body: {
        status: 'down',
        checks: { postgres: { ok: false, detail: 'not answering' }, redis: { ok: true }, workers: { ok: false, detail: 'could not be read' } },
        warnings: [],
      },
    });
    expect(JSON.stringify(answer)).not.toMatch(/10\.0\.0|ECONNREFUSED|secret/);
  });
});
