/**
 * Operator endpoints on plain `node:http`, answered before Next (like the ingestion paths): a
 * liveness/readiness probe must not depend on the UI framework or a session, and a scraper has
 * its own token instead of a sign-in.
 *   GET /api/health              — lib/ops/health-answer
 *   GET /api/metrics/prometheus  — lib/ops/prometheus-answer
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkHealth as checkHealthOfDeps, type HealthReport } from '@/lib/health/check';
import { childLogger } from '@/lib/log/logger';
import { collectPrometheusInput } from '@/lib/metrics/prometheus-data';
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from '@/lib/metrics/prometheus';
import { toHealthAnswer } from '@/lib/ops/health-answer';
import { answerPrometheus, type TextAnswer } from '@/lib/ops/prometheus-answer';

const log = childLogger('ops');
export const HEALTH_PATH = '/api/health';
export const PROMETHEUS_PATH = '/api/metrics/prometheus';
const PATHS = new Set([HEALTH_PATH, PROMETHEUS_PATH]);

export interface OpsHandlerDeps {
  metricsToken: string | undefined;
  checkHealth?: () => Promise<HealthReport>;
  renderMetrics?: () => Promise<string>;
}

const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0];

function send(req: IncomingMessage, res: ServerResponse, answer: TextAnswer): void {
  res.writeHead(answer.status, { ...answer.headers, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}

export function createOpsHandler(deps: OpsHandlerDeps) {
  const checkHealth = deps.checkHealth ?? checkHealthOfDeps;
  const renderMetrics = deps.renderMetrics ?? (async () => renderPrometheus(await collectPrometheusInput()));

  async function answer(req: IncomingMessage): Promise<TextAnswer> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return { status: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Method not allowed\n' };
    }
    if (pathOf(req) === HEALTH_PATH) {
      const report = await checkHealth();
      const health = toHealthAnswer(report);
      // The reasons stay in the log; the answer only names the checks.
      if (report.status === 'down') log.warn({ checks: report.checks }, 'health check: down');
      return { status: health.status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(health.body) };
    }
    return answerPrometheus(req.headers.authorization, deps.metricsToken, async () => ({ contentType: PROMETHEUS_CONTENT_TYPE, text: await renderMetrics() }));
  }

  return {
    handles: (req: IncomingMessage) => PATHS.has(pathOf(req) ?? ''),
    handle(req: IncomingMessage, res: ServerResponse): void {
      answer(req).then(
        (a) => send(req, res, a),
        (err: Error) => {
          log.error({ err: err.message, path: pathOf(req) }, 'operator endpoint failed');
          send(req, res, { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not available right now; see the app log.\n' });
        },
      );
    },
  };
}
