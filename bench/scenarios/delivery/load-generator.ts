/**
 * The delivery benchmark's load generator, run as its own process: POSTs Amplitude HTTP V2
 * bodies of 100 realistic events (the ingestion scenario's generator) to the app, either
 *
 * - `count`: a fixed number of requests over a few keep-alive connections, each sending its next
 *   request when the previous one is answered (a request that is not accepted is sent again, so
 *   exactly `requests × batch` events are accepted); or
 * - `rate`: one request every 1/rate s for a fixed time, on schedule whatever the answers (an
 *   open loop, so a slow answer does not lower the offered load).
 *
 * Times are epoch milliseconds, so the benchmark can line them up with what the fake received.
 */
import http from 'node:http';
import { serveChildTask } from '@/bench/harness/child-task';
import { BATCH_SIZE } from '@/bench/scenarios/delivery/plan';
import { revenueEventsEvery } from '@/bench/scenarios/delivery/revenue-events';
import { buildBodyTemplates, renderBody } from '@/bench/scenarios/ingestion/events';

const RETRY_DELAY_MS = 100;
const MAX_RETRIES = 50;

export type DeliveryLoadInput = {
  url: string;
  apiKey: string;
  /** First `insert_id` sequence number; every request of a run uses its own. */
  sequenceStart: number;
  /** Share of events sent as SDK revenue events (bench/scenarios/delivery/revenue-events). */
  revenueShare?: number;
} & ({ mode: 'count'; requests: number; connections: number } | { mode: 'rate'; requestsPerSecond: number; durationSec: number });

export interface DeliveryLoadResult {
  sent: number;
  acceptedRequests: number;
  acceptedEvents: number;
  /** Answers other than an accepting 200 (sent again in `count` mode, lost load in `rate` mode). */
  notAccepted: Record<string, number>;
  startedAt: number;
  endedAt: number;
  answerMs: { p50: number; p99: number; max: number };
  /** `rate` mode: the most a request started behind its schedule (the generator's own lag). */
  maxScheduleLagMs: number;
}

interface Answer {
  status: number;
  text: string;
}

function createPoster(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  return (body: Buffer): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** Events ingested according to the answer, as the SDKs read it; null when not accepted. */
function ingestedEvents(answer: Answer): number | null {
  if (answer.status !== 200) return null;
  try {
    const body = JSON.parse(answer.text) as { code?: unknown; events_ingested?: unknown };
    return body.code === 200 && typeof body.events_ingested === 'number' ? body.events_ingested : null;
  } catch {
    return null;
  }
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! * 10) / 10;
}

async function prepare(input: DeliveryLoadInput): Promise<() => Promise<DeliveryLoadResult>> {
  const templates = buildBodyTemplates({
    apiKey: input.apiKey,
    batchSize: BATCH_SIZE,
    ...(input.revenueShare ? { mapEvent: revenueEventsEvery(input.revenueShare) } : {}),
  });
  const post = createPoster(input.url);
  let sequence = input.sequenceStart;
  const nextBody = () => {
    const body = renderBody(templates[sequence % templates.length]!, sequence);
    sequence++;
    return body;
  };
  const answerMs: number[] = [];
  const notAccepted: Record<string, number> = {};
  let sent = 0;
  let acceptedRequests = 0;
  let acceptedEvents = 0;
  let maxScheduleLagMs = 0;

  /** Sends once; true when accepted. Connection errors count as status "error". */
  const sendOnce = async (body: Buffer): Promise<boolean> => {
    sent++;
    const started = performance.now();
    let answer: Answer;
    try {
      answer = await post(body);
    } catch {
      answer = { status: -1, text: '' };
    }
    answerMs.push(performance.now() - started);
    const events = ingestedEvents(answer);
    if (events === null) {
      const key = answer.status === -1 ? 'error' : String(answer.status);
      notAccepted[key] = (notAccepted[key] ?? 0) + 1;
      return false;
    }
    acceptedRequests++;
    acceptedEvents += events;
    return true;
  };

  const runCount = async (requests: number, connections: number) => {
    let next = 0;
    const connection = async () => {
      while (next < requests) {
        next++;
        const body = nextBody();
        for (let attempt = 0; !(await sendOnce(body)); attempt++) {
          if (attempt >= MAX_RETRIES) throw new Error(`a request was not accepted after ${MAX_RETRIES} retries: ${JSON.stringify(notAccepted)}`);
          await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
        }
      }
    };
    await Promise.all(Array.from({ length: connections }, connection));
  };

  const runRate = async (requestsPerSecond: number, durationSec: number) => {
    const total = Math.round(requestsPerSecond * durationSec);
    const intervalMs = 1000 / requestsPerSecond;
    const start = performance.now();
    const inFlight: Promise<boolean>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + i * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      maxScheduleLagMs = Math.max(maxScheduleLagMs, performance.now() - due);
      inFlight.push(sendOnce(nextBody()));
    }
    await Promise.all(inFlight);
  };

  return async () => {
    const startedAt = Date.now();
    if (input.mode === 'count') await runCount(input.requests, input.connections);
    else await runRate(input.requestsPerSecond, input.durationSec);
    const endedAt = Date.now();
    const sorted = Float64Array.from(answerMs).sort();
    return {
      sent,
      acceptedRequests,
      acceptedEvents,
      notAccepted,
      startedAt,
      endedAt,
      answerMs: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: percentile(sorted, 1) },
      maxScheduleLagMs: Math.round(maxScheduleLagMs),
    };
  };
}

serveChildTask(prepare);
