/**
 * One fault scenario: a steady stream of unique events through the real processes while a fault
 * is injected, then an exact count of what Braze received against what the API accepted.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createEnabledSync, createProject } from '@/test/fixtures';
import { eventKey, makeStreamEvents, startEventStream, type RunningStream } from '@/test/faults/event-stream';
import { AppProcess, WorkerPool, type FaultRig } from '@/test/faults/rig';
import { waitFor } from '@/test/processes';

export interface ScenarioFigures {
  id: string;
  title: string;
  /** Events the clients sent (each until answered 200, as the SDKs retry). */
  sent: number;
  /** Events answered 200. */
  accepted: number;
  /** Distinct accepted events Braze received. */
  delivered: number;
  /** Copies Braze received beyond the first. */
  duplicated: number;
  /** Re-sends the product counted as possible duplicates (sync_minute_metrics). */
  possibleDuplicatesCounted: number;
  /** Objects the product counted as delivered (sync_minute_metrics). */
  deliveredCounted: number;
  /** Accepted events Braze never received. */
  lost: number;
  /** Events Braze received that were never sent (must be 0). */
  unexpected: number;
  /** Events answered 400/413 (must be 0: they are all valid). */
  rejected: number;
  deadLetters: number;
  failedJobs: number;
  answers: Record<string, number>;
  /** From the end of the fault until every event accepted by then was at Braze. */
  catchUpSeconds: number;
  seconds: number;
}

export interface FaultContext {
  rig: FaultRig;
  app: AppProcess;
  workers: WorkerPool;
  stream: RunningStream;
  /** Resolves once this share (0–1) of the events has been accepted. */
  reached: (share: number) => Promise<void>;
}

export interface ScenarioSpec {
  id: string;
  title: string;
  events: number;
  workers: number;
  /** The clients' pace; default 2 clients sending 50 events, pausing 250 ms between batches. */
  stream?: { batchSize: number; concurrency: number; pauseMs: number };
  fault: (ctx: FaultContext) => Promise<void>;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readCounts(rig: FaultRig, syncId: string): Promise<{ possibleDuplicates: number; delivered: number; deadLetters: number }> {
  const client = new pg.Client({ connectionString: rig.databaseUrl });
  await client.connect();
  try {
    const metrics = await client.query<{ n: string | null; d: string | null }>(
      'SELECT sum(possible_duplicates) AS n, sum(delivered) AS d FROM sync_minute_metrics WHERE sync_id = $1',
      [syncId],
    );
    const dead = await client.query<{ n: string }>('SELECT count(*) AS n FROM dead_letters WHERE sync_id = $1', [syncId]);
    return { possibleDuplicates: Number(metrics.rows[0]?.n ?? 0), delivered: Number(metrics.rows[0]?.d ?? 0), deadLetters: Number(dead.rows[0]?.n ?? 0) };
  } finally {
    await client.end();
  }
}

/** Jobs not finished yet: waiting, delayed (a retry's backoff) or running. */
function unfinishedJobs(rig: FaultRig): number {
  const count = (type: string, key: string) => Number(rig.redis.cli(type, key));
  return ['ingest', 'deliver'].reduce((n, q) => {
    const key = (part: string) => `${rig.prefix}:${q}:${part}`;
    return n + count('llen', key('wait')) + count('llen', key('active')) + count('zcard', key('delayed')) + count('zcard', key('prioritized'));
  }, 0);
}

function failedJobs(rig: FaultRig): number {
  return ['ingest', 'deliver'].reduce((n, q) => n + Number(rig.redis.cli('zcard', `${rig.prefix}:${q}:failed`)), 0);
}

function saveLogs(id: string, processes: { output: () => string }[]): void {
  const dir = path.resolve('test-results', 'reliability-logs');
  fs.mkdirSync(dir, { recursive: true });
  processes.forEach((p, i) => fs.writeFileSync(path.join(dir, `${id}-${i}.log`), p.output()));
}

export async function runScenario(rig: FaultRig, spec: ScenarioSpec): Promise<ScenarioFigures> {
  const started = Date.now();
  const failedBefore = failedJobs(rig);
  rig.braze.reset();
  const project = await createProject();
  const sync = await createEnabledSync(project.id, rig.braze.url);
  const app = new AppProcess(rig.productEnv);
  const workers = new WorkerPool(rig.productEnv);
  await Promise.all([app.start(), workers.start(spec.workers)]);
  const events = makeStreamEvents(spec.id, spec.events, 500);
  const sentKeys = new Set(events.map((e) => eventKey(e.user_id, e.time)));
  const pace = spec.stream ?? { batchSize: 50, concurrency: 2, pauseMs: 250 };
  const stream = startEventStream({ url: () => app.url, apiKey: project.apiKey, events, ...pace });
  const reached = (share: number) =>
    waitFor(() => stream.acceptedCount() >= share * spec.events, { what: `${share * 100}% accepted`, timeoutMs: 120_000 }).then(() => undefined);
  const ours = () => rig.braze.events().filter((e) => String(e.object.external_id).startsWith(`${spec.id}-`));
  const deliveredKeys = () => new Set(ours().map((e) => eventKey(e.object.external_id, e.object.time)));
  /** Seconds from the fault's end until what was accepted by then is all at Braze. */
  const catchUp = async (): Promise<number> => {
    const endedAt = Date.now();
    const waiting = stream.acceptedKeys();
    await waitFor(
      () => {
        const delivered = deliveredKeys();
        return waiting.every((k) => delivered.has(k)) ? true : null;
      },
      { what: `the backlog of ${spec.id} after the fault`, timeoutMs: 90_000 },
    ).catch(() => undefined); // counted as lost below
    return Math.round((Date.now() - endedAt) / 100) / 10;
  };
  try {
    const [result, catchUpSeconds] = await Promise.all([stream.done, spec.fault({ rig, app, workers, stream, reached }).then(catchUp)]);
    await waitFor(
      () => {
        const delivered = deliveredKeys();
        return [...result.accepted].every((k) => delivered.has(k));
      },
      { what: `every accepted event of ${spec.id} at Braze`, timeoutMs: 90_000 },
    ).catch(() => undefined); // counted as lost below
    // A job may still wait for its retry although an earlier attempt of it landed (Braze
    // applied it, then its answer was lost): its re-send, and its count, come once it runs.
    await waitFor(() => unfinishedJobs(rig) === 0 || null, { what: `the queues of ${spec.id} to drain`, timeoutMs: 90_000 }).catch(() => undefined);
    // The workers' graceful stop is the "done" signal: a worker exits only once every attempt it
    // still runs has had its answer — among them late re-sends of jobs whose lock expired while it
    // was frozen — and its last counters are written. What Braze holds is read after that.
    await workers.stop();
    await app.stop();
    const received = ours().map((e) => eventKey(e.object.external_id, e.object.time));
    const delivered = new Set(received);
    const counts = await readCounts(rig, sync.id);
    return {
      id: spec.id,
      title: spec.title,
      sent: events.length,
      accepted: result.accepted.size,
      delivered: [...delivered].filter((k) => result.accepted.has(k)).length,
      duplicated: received.length - delivered.size,
      possibleDuplicatesCounted: counts.possibleDuplicates,
      deliveredCounted: counts.delivered,
      lost: [...result.accepted].filter((k) => !delivered.has(k)).length,
      unexpected: [...delivered].filter((k) => !sentKeys.has(k)).length,
      rejected: result.rejected,
      deadLetters: counts.deadLetters,
      failedJobs: failedJobs(rig) - failedBefore,
      answers: result.answers,
      catchUpSeconds,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await workers.stop();
    await app.stop('SIGKILL');
    saveLogs(spec.id, [...app.all, ...workers.all]);
  }
}
