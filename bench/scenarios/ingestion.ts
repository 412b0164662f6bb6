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
import { startApp, type RunningApp } from '@/bench/harness/app';
import { startChildTask } from '@/bench/harness/child-task';
import type { RunContext } from '@/bench/harness/context';
import { summarizeCpuProfile, type Window } from '@/bench/harness/cpu-profile';
import { localRedisPid, sampleUsage } from '@/bench/harness/proc-stats';
import { deleteKeysWithPrefix } from '@/test/redis-keys';
import type { Scenario, ScenarioReport } from '@/bench/harness/scenario';
import { formatNumber } from '@/bench/harness/table';
import type { IngestionLoadInput, IngestionLoadResult } from '@/bench/scenarios/ingestion/load-generator';
import { checkIngestQueue } from '@/bench/scenarios/ingestion/queue-check';
import { COLUMNS, notes, targets, toRow } from '@/bench/scenarios/ingestion/report';
import { TARGET_EVENTS_PER_SECOND, VARIANTS, type Variant, type VariantResult } from '@/bench/scenarios/ingestion/variants';

const LOAD_GENERATOR = 'bench/scenarios/ingestion/load-generator.ts';
/** Each variant's insert_id sequence numbers start here, so no two requests of a run share one. */
const SEQUENCE_BLOCK = 0x1000_0000;

/** Applies one variant's load; CPU and memory are sampled only while it runs. */
async function applyLoad(ctx: RunContext, app: RunningApp, variant: Variant, index: number, durationSec: number) {
  const redisPid = await localRedisPid(ctx.redis);
  const input: IngestionLoadInput = {
    url: `${app.url}/2/httpapi`,
    apiKey: ctx.project.apiKey,
    batchSize: variant.batchSize,
    gzip: variant.gzip,
    connections: ctx.options.connections,
    durationSec,
    sequenceStart: index * SEQUENCE_BLOCK,
  };
  const task = await startChildTask<IngestionLoadInput, IngestionLoadResult>('load generator', LOAD_GENERATOR, input);
  try {
    const sampler = sampleUsage({ app: app.process.pid, loadGenerator: task.process.pid, ...(redisPid ? { redis: redisPid } : {}) });
    const from = process.hrtime.bigint();
    const load = await task.run();
    const window: Window = [from, process.hrtime.bigint()];
    return { load, usage: sampler.stop(), window };
  } finally {
    await task.finish();
  }
}

async function measureVariant(ctx: RunContext, app: RunningApp, variant: Variant, index: number, failures: string[]) {
  const { options } = ctx;
  ctx.log(`ingestion: ${variant.name}, ${options.connections} connections, ${options.durationSec} s`);
  const { load, usage, window } = await applyLoad(ctx, app, variant, index, options.durationSec);
  const check = await checkIngestQueue(ctx.redis, load);
  const appCpu = usage.processes.app?.cpuPercent;
  if (check.problem) failures.push(`${variant.name}: ${check.problem}`);
  if (load.unexpectedOkBodies > 0) failures.push(`${variant.name}: ${load.unexpectedOkBodies} answers were 200 without code 200 in the body`);
  if (load.sent !== load.answered) failures.push(`${variant.name}: ${load.sent - load.answered} requests were never answered`);
  const result: VariantResult = {
    variant,
    connections: options.connections,
    durationSec: load.elapsedSec,
    load,
    requestsPerSecond: load.answered / load.elapsedSec,
    eventsPerSecond: load.acceptedEvents / load.elapsedSec,
    eventsPerAppCpuSecond: appCpu ? load.acceptedEvents / load.elapsedSec / (appCpu / 100) : undefined,
    usage,
    queue: check.queue,
    queueMatches: check.matches,
    appErrorLogLines: app.errorLogLines(),
  };
  ctx.log(`  ${formatNumber(result.eventsPerSecond)} events/s accepted; queue checked in ${check.queue.seconds} s`);
  await deleteKeysWithPrefix(ctx.redis, ctx.queuePrefix);
  return { result, window };
}

async function run(ctx: RunContext): Promise<ScenarioReport> {
  const { options } = ctx;
  const profileDir = options.profile ? path.join(ctx.resultsDir, 'profiles') : undefined;
  ctx.log(`ingestion: starting the app${profileDir ? ' under --cpu-prof' : ''}`);
  const app = await startApp(ctx, { cpuProfileDir: profileDir });
  const results: VariantResult[] = [];
  const windows: { label: string; window: Window }[] = [];
  const failures: string[] = [];
  let profile: ScenarioReport['profile'];
  try {
    if (options.warmupSec > 0) {
      ctx.log(`ingestion: warm-up, ${options.warmupSec} s (not reported)`);
      await applyLoad(ctx, app, VARIANTS[0]!, VARIANTS.length, options.warmupSec);
      await deleteKeysWithPrefix(ctx.redis, ctx.queuePrefix);
    }
    for (const [index, variant] of VARIANTS.entries()) {
      const { result, window } = await measureVariant(ctx, app, variant, index, failures);
      results.push(result);
      windows.push({ label: variant.name, window });
    }
  } finally {
    const stopped = await app.stop();
    try {
      if (stopped.cpuProfile) {
        const file = stopped.cpuProfile;
        profile = {
          combined: summarizeCpuProfile(file, windows.map((w) => w.window)),
          parts: windows.map(({ label, window }) => ({ label, summary: summarizeCpuProfile(file, [window]) })),
        };
      }
      else if (profileDir) failures.push('the app wrote no CPU profile');
    } catch (err) {
      failures.push(`could not read the CPU profile ${stopped.cpuProfile}: ${(err as Error).message}`);
    }
  }
  if (app.errorLogLines() > 0) {
    const last = app.process.output().split('\n').filter((line) => /"level":(50|60)\b/.test(line)).slice(-3);
    failures.push(`the app logged ${app.errorLogLines()} errors; the last ones:\n${last.join('\n')}`);
  }

  return {
    title: `Ingestion: POST /2/httpapi, one app process (NODE_ENV=production), no worker${options.profile ? ' — under the CPU profiler, figures are lower' : ''}`,
    columns: COLUMNS,
    rows: results.map(toRow),
    notes: notes(options),
    failures,
    targets: targets(results),
    profile,
    data: { target: TARGET_EVENTS_PER_SECOND, variants: results },
  };
}

export const scenario: Scenario = {
  name: 'ingestion',
  description: 'Events accepted per second by one app process on POST /2/httpapi (no worker).',
  run,
};
