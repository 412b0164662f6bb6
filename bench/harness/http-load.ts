/**
 * Closed-loop HTTP load with autocannon: `connections` keep-alive connections, each sending its
 * next request as soon as the previous answer arrives, for `durationSec`.
 *
 * At the deadline no connection starts a new request, but every request in flight is answered
 * and counted: what the server accepted and what the client saw stay equal, so a benchmark can
 * check the server's side (e.g. queued jobs) against the answers exactly.
 */
import autocannon, { type AutocannonClient } from 'autocannon';

export interface LoadPlan {
  url: string;
  method?: string;
  connections: number;
  durationSec: number;
  headers: Record<string, string>;
  /** The body of the next request; called once per request sent. */
  nextBody: () => Buffer;
  /** Sees every answer (status and body). */
  onResponse?: (status: number, body: string) => void;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  /** Requests sent and requests answered (equal unless connections failed). */
  sent: number;
  answered: number;
  /** From the first request to the last answer. */
  elapsedSec: number;
  latencyMs: LatencySummary;
  statusCounts: Record<string, number>;
  connectionErrors: number;
  timeouts: number;
}

/** Safety margin after the deadline for in-flight requests; autocannon stops hard after it. */
const DRAIN_GRACE_SEC = 60;

function summarizeLatency(samples: number[]): LatencySummary {
  if (samples.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (v: number) => Math.round(v * 10) / 10;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1]!), mean: round(mean) };
}

export function runHttpLoad(plan: LoadPlan): Promise<LoadResult> {
  const clients: AutocannonClient[] = [];
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let sent = 0;
  let lastAnswerAt = 0;
  const startedAt = performance.now();

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: plan.url,
        connections: plan.connections,
        pipelining: 1,
        duration: plan.durationSec + DRAIN_GRACE_SEC,
        timeout: 30,
        requests: [
          {
            method: plan.method ?? 'POST',
            headers: plan.headers,
            setupRequest: (request) => {
              sent++;
              return { ...request, body: plan.nextBody() };
            },
            onResponse: (status, body) => plan.onResponse?.(status, String(body)),
          },
        ],
        setupClient: (client) => {
          if (typeof client.reqsMade !== 'number') throw new Error('autocannon client has no reqsMade: unsupported autocannon version');
          clients.push(client);
        },
      },
      (err, result) => {
        clearTimeout(deadline);
        if (err) return reject(err);
        resolve({
          sent,
          answered: latencies.length,
          elapsedSec: Math.round((lastAnswerAt - startedAt) / 10) / 100,
          latencyMs: summarizeLatency(latencies),
          statusCounts,
          connectionErrors: result.errors - result.timeouts,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      lastAnswerAt = performance.now();
      latencies.push(responseTime);
      statusCounts[status] = (statusCounts[status] ?? 0) + 1;
    });
    // A connection that has made its last request closes after that request's answer.
    const deadline = setTimeout(() => {
      for (const client of clients) client.responseMax = client.reqsMade;
    }, plan.durationSec * 1000);
  });
}
