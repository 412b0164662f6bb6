/**
 * Ingestion throughput: how many events one app process accepts per second on `POST /2/httpapi`.
 *
 * One app process runs as in production; no worker runs, so accepted events stay in the ingest
 * queue and only acceptance is measured. A load generator in its own process sends realistic
 * events (see ingestion/events.ts) over keep-alive connections, for a fixed time per variant.
 * After each variant the ingest queue must hold exactly the accepted requests and events; then
 * it is emptied for the next one.
 */
import path from 'node:path';
import { startApp } from '@/bench/harness/app';
import { startChildTask } from '@/bench/harness/child-task';
import type { RunContext } from '@/bench/harness/context';
import { summarizeCpuProfile, type ProfileSummary, type Window } from '@/bench/harness/cpu-profile';
import { sampleUsage, type UsageSummary } from '@/bench/harness/proc-stats';
import { readWaitingJobs, type QueueContents } from '@/bench/harness/queue';
import { deleteKeysWithPrefix } from '@/bench/harness/redis';
import type { Scenario, ScenarioReport } from '@/bench/harness/scenario';
import { formatNumber } from '@/bench/harness/table';
import { USERS } from '@/bench/scenarios/ingestion/events';
import type { IngestionLoadInput, IngestionLoadResult } from '@/bench/scenarios/ingestion/load-generator';
import { ingestQueue } from '@/lib/queue/queues';

/** From the ingestion issue: one app process on a 2-core machine. */
const TARGET_EVENTS_PER_SECOND = 20_000;
const LOAD_GENERATOR = 'bench/scenarios/ingestion/load-generator.ts';
/** Each variant's insert_id sequence numbers start here, so no two requests of a run share one. */
const SEQUENCE_BLOCK = 0x1000_0000;

interface Variant {
  name: string;
  batchSize: number;
  gzip: boolean;
}

const VARIANTS: Variant[] = [
  { name: '100 events/request', batchSize: 100, gzip: false },
  { name: '1,000 events/request', batchSize: 1_000, gzip: false },
  { name: '100 events/request, gzip', batchSize: 100, gzip: true },
];

interface VariantResult {
  variant: Variant;
  connections: number;
  durationSec: number;
  load: IngestionLoadResult;
  requestsPerSecond: number;
  eventsPerSecond: number;
  usage: UsageSummary;
  queue: QueueContents;
  queueMatches: boolean;
  appErrorLogLines: number;
}

const eventsOf = (data: unknown) => {
  const events = (data as { events?: unknown }).events;
  if (!Array.isArray(events)) throw new Error('ingest job without events');
  return events.length;
};

async function runVariant(ctx: RunContext, appUrl: string, appPid: number, variant: Variant, index: number, durationSec: number) {
  const input: IngestionLoadInput = {
    url: `${appUrl}/2/httpapi`,
    apiKey: ctx.project.apiKey,
    batchSize: variant.batchSize,
    gzip: variant.gzip,
    connections: ctx.options.connections,
    durationSec,
    sequenceStart: index * SEQUENCE_BLOCK,
  };
  const task = await startChildTask<IngestionLoadInput, IngestionLoadResult>('load generator', LOAD_GENERATOR, input);
  try {
    const sampler = sampleUsage({ app: appPid, loadGenerator: task.process.pid });
    const from = process.hrtime.bigint();
    const load = await task.run();
    const window: Window = [from, process.hrtime.bigint()];
    const usage = sampler.stop();
    return { load, usage, window };
  } finally {
    await task.finish();
  }
}

function statusSummary(counts: Record<string, number>): string {
  const other = Object.entries(counts).filter(([status]) => status !== '200');
  return other.length === 0 ? '0' : other.map(([status, n]) => `${status}×${n}`).join(' ');
}

function toRow(r: VariantResult): string[] {
  const cpu = (p: number | undefined) => (p === undefined ? '–' : `${Math.round(p)} %`);
  const mib = (m: number | undefined) => (m === undefined ? '–' : formatNumber(m));
  return [
    r.variant.name,
    String(r.connections),
    formatNumber(r.requestsPerSecond),
    formatNumber(r.eventsPerSecond),
    formatNumber(r.load.latencyMs.p50, 1),
    formatNumber(r.load.latencyMs.p99, 1),
    statusSummary(r.load.statusCounts),
    String(r.load.connectionErrors + r.load.timeouts),
    cpu(r.usage.processes.app?.cpuPercent),
    cpu(r.usage.processes.loadGenerator?.cpuPercent),
    cpu(r.usage.otherCpuPercent),
    mib(r.usage.processes.app?.rssPeakMib),
    mib(r.usage.processes.app?.rssEndMib),
    r.queueMatches ? `ok (${formatNumber(r.queue.waitingJobs)} jobs)` : 'MISMATCH',
  ];
}

async function run(ctx: RunContext): Promise<ScenarioReport> {
  const { options } = ctx;
  const profileDir = options.profile ? path.join(ctx.resultsDir, 'profiles') : undefined;
  ctx.log(`ingestion: starting the app${profileDir ? ' under --cpu-prof' : ''}`);
  const app = await startApp(ctx, { cpuProfileDir: profileDir });
  const results: VariantResult[] = [];
  const windows: Window[] = [];
  const failures: string[] = [];
  let profile: ProfileSummary | undefined;
  try {
    if (options.warmupSec > 0) {
      ctx.log(`ingestion: warm-up, ${options.warmupSec} s (not reported)`);
      await runVariant(ctx, app.url, app.process.pid, VARIANTS[0]!, VARIANTS.length, options.warmupSec);
      await deleteKeysWithPrefix(ctx.redis, ctx.queuePrefix);
    }
    for (const [index, variant] of VARIANTS.entries()) {
      ctx.log(`ingestion: ${variant.name}, ${options.connections} connections, ${options.durationSec} s`);
      const { load, usage, window } = await runVariant(ctx, app.url, app.process.pid, variant, index, options.durationSec);
      windows.push(window);
      const queue = await readWaitingJobs(ctx.redis, ingestQueue(), eventsOf);
      const queueMatches = queue.waitingJobs === load.acceptedRequests && queue.items === load.acceptedEvents && queue.unreadable === 0;
      if (!queueMatches) {
        failures.push(
          `${variant.name}: accepted ${load.acceptedRequests} requests / ${load.acceptedEvents} events, ` +
            `but the ingest queue holds ${queue.waitingJobs} waiting jobs / ${queue.items} events (${queue.unreadable} unreadable)`,
        );
      }
      if (load.unexpectedOkBodies > 0) failures.push(`${variant.name}: ${load.unexpectedOkBodies} answers were 200 without code 200 in the body`);
      if (load.sent !== load.answered) failures.push(`${variant.name}: ${load.sent - load.answered} requests were never answered`);
      results.push({
        variant,
        connections: options.connections,
        durationSec: load.elapsedSec,
        load,
        requestsPerSecond: load.answered / load.elapsedSec,
        eventsPerSecond: load.acceptedEvents / load.elapsedSec,
        usage,
        queue,
        queueMatches,
        appErrorLogLines: app.errorLogLines(),
      });
      ctx.log(`  ${formatNumber(load.acceptedEvents / load.elapsedSec)} events/s accepted; queue checked in ${queue.seconds} s`);
      await deleteKeysWithPrefix(ctx.redis, ctx.queuePrefix);
    }
  } finally {
    const stopped = await app.stop();
    if (stopped.cpuProfile) profile = summarizeCpuProfile(stopped.cpuProfile, windows);
    else if (profileDir) failures.push('the app wrote no CPU profile');
  }
  if (app.errorLogLines() > 0) failures.push(`the app logged ${app.errorLogLines()} errors (see its output)`);

  return {
    title: `Ingestion: POST /2/httpapi, one app process (NODE_ENV=production), no worker${options.profile ? ' — under the CPU profiler, figures are lower' : ''}`,
    columns: [
      { header: 'variant', align: 'left' },
      { header: 'conns' },
      { header: 'req/s' },
      { header: 'events/s accepted' },
      { header: 'p50 ms' },
      { header: 'p99 ms' },
      { header: 'non-200', align: 'left' },
      { header: 'conn errors' },
      { header: 'app CPU' },
      { header: 'loadgen CPU' },
      { header: 'other CPU' },
      { header: 'app RSS peak MiB' },
      { header: 'app RSS end MiB' },
      { header: 'queue check', align: 'left' },
    ],
    rows: results.map(toRow),
    notes: [
      `Each variant ran ${options.durationSec} s (after a ${options.warmupSec} s warm-up) with ${options.connections} keep-alive connections from a separate load-generator process, each sending its next request as soon as the previous one was answered.`,
      `Events: ${USERS.toLocaleString('en-US')} distinct users, 17 standard fields, 10–20 event properties, 4 user properties, a unique insert_id each (~1 KB of JSON per event). gzip bodies are compressed once and cycled.`,
      'events/s counts only 200 answers whose body says code 200. req/s and latencies cover every answer; the window ends with the last answer (requests in flight at the deadline are completed, not cut).',
      'CPU is in % of one core (this machine has the cores listed above; 100 % = one core busy). "other" is machine CPU not used by the app or the load generator: Redis, and anything else running.',
      'queue check: after each variant the waiting ingest jobs and the events they hold must equal the accepted requests and events exactly.',
    ],
    failures,
    targets: results.map((r) => ({
      name: `≥ ${formatNumber(TARGET_EVENTS_PER_SECOND)} events/s accepted (${r.variant.name})`,
      met: r.eventsPerSecond >= TARGET_EVENTS_PER_SECOND,
      detail: `${formatNumber(r.eventsPerSecond)} events/s`,
    })),
    profile,
    data: { target: TARGET_EVENTS_PER_SECOND, variants: results },
  };
}

export const scenario: Scenario = {
  name: 'ingestion',
  description: 'Events accepted per second by one app process on POST /2/httpapi (no worker).',
  run,
};
