/**
 * Fault injection with real processes: during a steady stream of events, workers are killed,
 * Braze fails, throttles and hangs, Postgres and Redis crash and restart, and the ingestion API
 * restarts. After each, every accepted event reached Braze, copies beyond the first are no more
 * than the product counted as possible duplicates, and nothing accepted is lost.
 * The measured figures go to test-results/reliability.json (docs/reliability.md shows them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import type { Fault } from '@/test/fakes/braze';
import { closeQueues } from '@/lib/queue/queues';
import { startFaultRig, type FaultRig } from '@/test/faults/rig';
import { runScenario, sleep, type ScenarioFigures, type ScenarioSpec } from '@/test/faults/scenario';

let rig: FaultRig;
const figures: ScenarioFigures[] = [];

beforeAll(async () => {
  rig = await startFaultRig();
}, 120_000);

afterAll(async () => {
  const file = path.resolve('test-results', 'reliability.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), scenarios: figures }, null, 2)}\n`);
  await closeQueues();
  await disconnectPrisma();
  await rig?.close();
});

/** About 500 events/s for 30 s; from a fifth of the way, Braze answers with `faults` for 20 s. */
function brazeFailsFor20s(id: string, title: string, faults: Fault[]): ScenarioSpec {
  return {
    id,
    title,
    events: 15_000,
    workers: 1,
    stream: { batchSize: 50, concurrency: 3, pauseMs: 250 },
    fault: async ({ rig, reached }) => {
      await reached(0.2);
      rig.braze.injectFaults(...faults);
      await sleep(20_000);
      rig.braze.clearFaults();
    },
  };
}

const scenarios: ScenarioSpec[] = [
  {
    id: 'worker-sigkill',
    title: 'Worker killed with SIGKILL 4 times (2 workers, each replaced at once)',
    events: 3_000,
    workers: 2,
    fault: async ({ workers, reached }) => {
      for (const share of [0.2, 0.4, 0.55, 0.7]) {
        await reached(share);
        await workers.killOldest();
        await workers.start(1, { ready: false });
      }
    },
  },
  {
    id: 'worker-freeze',
    title: 'Workers frozen (SIGSTOP) for 3 s — past their job locks and request timeouts — 3 times, with requests at Braze',
    events: 3_000,
    workers: 2,
    fault: async ({ rig, workers, reached }) => {
      for (const share of [0.25, 0.5, 0.75]) {
        await reached(share);
        // Braze takes 1 s over the next requests, so some are in flight when the workers freeze:
        // Braze processes them, but their answers arrive after the workers' timeouts.
        rig.braze.injectFaults({ slowMs: 1_000, count: 4 });
        await sleep(300);
        await workers.freeze(3_000);
      }
    },
  },
  {
    id: 'braze-5xx-timeouts',
    title: 'Braze answers 500/502 (HTML)/503/504 for 20 requests, then hangs past the timeout 4 times',
    events: 3_000,
    workers: 1,
    fault: async ({ rig, reached }) => {
      await reached(0.3);
      rig.braze.injectFaults(
        { status: 500, count: 8 },
        { status: 502, html: true, count: 4 },
        { status: 503, count: 4 },
        { status: 504, count: 4 },
        { timeoutMs: 2_500, count: 4 },
      );
    },
  },
  brazeFailsFor20s(
    'braze-outage-20s',
    'Braze fails every request for 20 s at 500 events/s: 500 and 504 (processed before the answer failed), 502, 503, and timeouts (processed)',
    Array.from({ length: 400 }, () => [
      { status: 500 as const, processed: true },
      { status: 503 as const },
      { status: 504 as const, processed: true },
      { status: 502 as const, html: true },
      { timeoutMs: 2_500, processed: true },
    ]).flat(),
  ),
  brazeFailsFor20s('braze-429-storm-20s', 'Braze answers 429 to every request for 20 s at 500 events/s', [
    { status: 429, resetInSeconds: 1, count: 1_000_000 },
  ]),
  {
    id: 'braze-429-storm',
    title: 'Braze 429 storm: 30 forced 429s, then a 4 requests/s rate limit for 4 s',
    events: 3_000,
    workers: 1,
    fault: async ({ rig, reached }) => {
      await reached(0.3);
      rig.braze.injectFaults({ status: 429, resetInSeconds: 1, count: 30 });
      rig.braze.setRateLimit({ limit: 4, windowMs: 1_000 });
      await sleep(4_000);
      rig.braze.setRateLimit({ limit: 3_000, windowMs: 3_000 });
    },
  },
  {
    id: 'postgres-restart',
    title: 'Postgres crashes (immediate stop) and is back after 3 s',
    events: 3_000,
    workers: 1,
    fault: async ({ rig, reached }) => {
      await reached(0.35);
      rig.pg.crash();
      await sleep(3_000);
      rig.pg.start();
    },
  },
  {
    id: 'redis-restart',
    title: 'Redis (appendonly, appendfsync always) killed with SIGKILL, back after 2 s on the same data',
    events: 3_000,
    workers: 1,
    fault: async ({ rig, reached }) => {
      await reached(0.35);
      await rig.redis.crash();
      await sleep(2_000);
      await rig.redis.start();
    },
  },
  {
    id: 'app-restart',
    title: 'Ingestion API stopped with SIGTERM and restarted, later killed with SIGKILL and restarted',
    events: 3_000,
    workers: 1,
    fault: async ({ app, reached }) => {
      await reached(0.3);
      expect(await app.stop('SIGTERM')).toBe(0);
      await app.start();
      await reached(0.6);
      await app.stop('SIGKILL');
      await sleep(500);
      await app.start();
    },
  },
];

describe('fault injection: nothing accepted is lost', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, spec) => {
    const result = await runScenario(rig, spec);
    figures.push(result);
    console.log(JSON.stringify(result));
    expect(result.rejected).toBe(0);
    expect(result.accepted).toBe(result.sent);
    expect(result.lost).toBe(0);
    expect(result.unexpected).toBe(0);
    expect(result.delivered).toBe(result.accepted);
    // Counted before each job completes, so a killed worker loses no count: every event Braze
    // has is counted once, and a copy only where Braze's answer to it was seen; copies whose
    // answer was lost are what possible duplicates count.
    expect(result.deliveredCounted).toBeGreaterThanOrEqual(result.delivered);
    expect(result.deliveredCounted).toBeLessThanOrEqual(result.delivered + result.duplicated);
    expect(result.duplicated).toBeLessThanOrEqual(result.possibleDuplicatesCounted);
    if (spec.id.endsWith('-20s')) {
      // Once Braze answers again, the backlog drains at Braze's pace, not at the retry backoff's.
      expect(result.catchUpSeconds).toBeLessThanOrEqual(5);
      // Counted duplicates are the re-sends of requests Braze may have processed: here it did.
      expect(result.possibleDuplicatesCounted).toBeLessThanOrEqual(Math.max(1.5 * result.duplicated, 0));
    }
    expect(result.deadLetters).toBe(0);
    expect(result.failedJobs).toBe(0);
  }, 240_000);
});
