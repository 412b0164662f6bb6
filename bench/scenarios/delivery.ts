/**
 * Delivery: events/s the product delivers end to end, from `POST /2/httpapi` to Braze's 201, on
 * one machine — one app process, one (then three) worker processes and a fake Braze enforcing
 * Braze's default rate limit — and the same figures for a naive baseline that sends one request
 * per event (bench/baseline/naive-worker.ts), side by side.
 *
 * Variants, in order (each with a sync of its own, so its metrics are its own):
 *   1. product, 1 worker: a fixed number of events as fast as the app takes them;
 *   1b. product, 1 worker: as 1 again (user profiles now exist), then 1c. as 1 with 10 % revenue
 *      events (sent as ecommerce.order_placed), held against 1b;
 *   2. product, 1 worker: 2,000 events/s on a fixed schedule, latency from the product's histogram;
 *   3. bare relay (bench/baseline/bare-relay.ts, in place of app and worker): as 1, the second
 *      baseline — what the least any relay must do reaches on the same machine and fake;
 *   4. product, 3 workers: as 1;
 *   5. naive, 1 worker: as 1, with fewer events (it is bound to 1,000 events/s by the rate limit);
 *   6. naive, 1 worker: as 2; stopped when the load stops, its backlog discarded;
 *   7. product, 1 worker on a local Redis Cluster (3 masters, 6 partitions, an app of its own):
 *      as 1, to compare its CPU per event with the single Redis's.
 * Lost events, duplicates the product did not count, metrics that disagree with the fake or jobs
 * left in the queues fail the run; error logs of the workers are reported under the table.
 */
import path from 'node:path';
import { FAKE_BRAZE_URL } from '@/bench/scenarios/delivery/endpoint';
import { startApp, type RunningApp } from '@/bench/harness/app';
import type { RunContext } from '@/bench/harness/context';
import { summarizeCpuProfile, type Window } from '@/bench/harness/cpu-profile';
import { localRedisPid } from '@/bench/harness/proc-stats';
import { deleteKeysWithPrefix } from '@/test/redis-keys';
import type { Scenario, ScenarioReport } from '@/bench/harness/scenario';
import { formatNumber } from '@/bench/harness/table';
import { startFake, type RunningFake } from '@/bench/scenarios/delivery/fake-braze';
import { checkMetrics, openJobs, readMetrics, runPart, type PartResult, type PartSpec, type Rig } from '@/bench/scenarios/delivery/measure';
import { LATENCY_RATE_EVENTS_PER_SECOND, SEQUENCE_BASE, SEQUENCE_BLOCK, TARGETS, planOf } from '@/bench/scenarios/delivery/plan';
import { COLUMNS, notes, targets, toRow } from '@/bench/scenarios/delivery/report';
import { CLUSTER_MASTERS, CLUSTER_PARTITIONS, startClusterRig } from '@/bench/scenarios/delivery/cluster';
import { startRelay } from '@/bench/scenarios/delivery/relay';
import { EVENTS_ONLY_WARM_LABEL, REVENUE_LABEL, REVENUE_SHARE, revenueComparison } from '@/bench/scenarios/delivery/revenue-events';
import { createBenchSyncs } from '@/bench/scenarios/delivery/sync';
import { startNaiveWorker, startProductWorker, type RunningWorker } from '@/bench/scenarios/delivery/workers';
import { env } from '@/lib/env';

const RATE_LABEL = `${formatNumber(LATENCY_RATE_EVENTS_PER_SECOND)} events/s`;
const CLUSTER_LABEL = `product, 1 worker, Redis Cluster (${CLUSTER_MASTERS} masters, ${CLUSTER_PARTITIONS} partitions) — throughput`;

function describe(r: PartResult): string {
  const most = (pick: (q: PartResult['queues'][number]) => number) => Math.max(0, ...r.queues.map(pick));
  const queued = `at most ${formatNumber(most((q) => q.ingest))} ingest / ${formatNumber(most((q) => q.deliver))} delivery jobs waiting`;
  const rate = r.kind === 'throughput' ? `${formatNumber(r.steadyEventsPerSecond)} events/s delivered (steady)` : `${formatNumber(r.deliveredPerSecondDuringLoad)} events/s delivered`;
  return `${rate}, ${formatNumber(r.objectsPerRequest, 1)} objects/request, ${formatNumber(r.deliveredEvents)}/${formatNumber(r.sentEvents)} events at Braze${r.drainSec !== undefined ? `, drained ${r.drainSec} s after the load` : ''}; ${queued}; worker loop lag max ${formatNumber(r.workerLoopDelayMaxMs)} ms${r.workerErrors.length > 0 ? `; worker errors: ${r.workerErrors.slice(0, 3).map((e) => `${e.count}× ${e.message}`).join(' | ')}` : ''}`;
}

async function run(ctx: RunContext): Promise<ScenarioReport> {
  const { options } = ctx;
  const plan = planOf(options);
  const endpoints = env().BRAZE_CUSTOM_ENDPOINTS;
  if (!endpoints.includes(FAKE_BRAZE_URL)) {
    throw new Error(`delivery: BRAZE_CUSTOM_ENDPOINTS was read before ${FAKE_BRAZE_URL} was added to it (see bench/scenarios/delivery/endpoint.ts)`);
  }
  const allowed = endpoints.join(',');
  const profileDir = options.profile ? path.join(ctx.resultsDir, 'profiles') : undefined;
  const parts: PartResult[] = [];
  const failures: string[] = [];
  /** Error logs: reported under the table; what they cost (loss, duplicates) is checked as failures. */
  const warnings: string[] = [];
  const running = new Set<RunningWorker>();
  const profileWindows: { label: string; window: Window }[] = [];
  let profile: ScenarioReport['profile'];
  let app: RunningApp | undefined;
  let fake: RunningFake | undefined;
  let rig: Rig | undefined;
  const syncs = createBenchSyncs(ctx, FAKE_BRAZE_URL);
  let sequence = 0;
  const nextSequence = () => SEQUENCE_BASE + sequence++ * SEQUENCE_BLOCK;

  const start = async (make: () => Promise<RunningWorker>) => {
    const worker = await make();
    running.add(worker);
    return worker;
  };
  const stop = async (worker: RunningWorker) => {
    running.delete(worker);
    const stopped = await worker.stop();
    if (worker.errorLogLines() > 0) {
      const top = worker.errorSummary().slice(0, 5).map((e) => `    ${e.count}× ${e.message}`);
      warnings.push(`${worker.name} logged ${worker.errorLogLines()} errors, most frequent:\n${top.join('\n')}`);
    }
    if (stopped.exitCode !== 0) failures.push(`${worker.name} exited with ${stopped.exitCode} on SIGTERM`);
    return stopped;
  };

  const measure = async (rig: Rig, spec: Omit<PartSpec, 'syncId' | 'sequenceStart'>, opts: { report: boolean }) => {
    const syncId = await syncs.next(`bench: ${spec.label}`);
    ctx.log(`delivery: ${spec.label}${opts.report ? '' : ' (warm-up, not reported)'}`);
    const result = await runPart(rig, { ...spec, syncId, sequenceStart: nextSequence() });
    if (spec.drain && spec.implementation === 'relay') {
      const extra = result.deliveredEvents - result.sentEvents;
      if (extra > 0) result.problems.push(`duplicates: Braze received ${extra} events more than the bare relay accepted`);
    } else if (spec.drain) {
      await readMetrics(result, { waitForDelivered: true });
      checkMetrics(result);
    }
    if (spec.drain) {
      const open = await openJobs(spec.implementation, rig);
      if (Object.keys(open).length > 0) result.problems.push(`jobs left in the queues: ${JSON.stringify(open)}`);
    }
    ctx.log(`  ${describe(result)}`);
    for (const problem of result.problems) failures.push(`${spec.label}: ${problem}`);
    if (opts.report) parts.push(result);
    return result;
  };

  try {
    ctx.log(`delivery: starting the fake Braze on ${FAKE_BRAZE_URL} (rate limit 3000/3s) and the app`);
    fake = await startFake(FAKE_BRAZE_URL);
    app = await startApp(ctx);
    rig = { ctx, app, fake, redisPid: await localRedisPid(ctx.redis) };

    // The product, one worker: throughput, then latency at the fixed rate.
    const first = await start(() => startProductWorker(ctx, 'worker 1', allowed, profileDir));
    const one = await measure(rig, { label: 'product, 1 worker — throughput', implementation: 'product', kind: 'throughput', workers: [first], events: plan.productEvents, drain: true }, { report: true });
    profileWindows.push({ label: 'throughput', window: one.window });
    await measure(rig, { label: EVENTS_ONLY_WARM_LABEL, implementation: 'product', kind: 'throughput', workers: [first], events: plan.productEvents, drain: true }, { report: true });
    await measure(rig, { label: REVENUE_LABEL, implementation: 'product', kind: 'throughput', workers: [first], events: plan.productEvents, drain: true, revenueShare: REVENUE_SHARE }, { report: true });
    if (plan.warmupSec > 0) {
      await measure(rig, { label: `product, 1 worker — ${RATE_LABEL}`, implementation: 'product', kind: 'rate', workers: [first], durationSec: plan.warmupSec, drain: true }, { report: false });
    }
    const atRate = await measure(rig, { label: `product, 1 worker — ${RATE_LABEL}`, implementation: 'product', kind: 'rate', workers: [first], durationSec: plan.latencySec, drain: true }, { report: true });
    profileWindows.push({ label: RATE_LABEL, window: atRate.window });
    const stopped = await stop(first);
    if (stopped.cpuProfile) {
      const file = stopped.cpuProfile;
      profile = {
        combined: summarizeCpuProfile(file, profileWindows.map((w) => w.window)),
        parts: profileWindows.map(({ label, window }) => ({ label, summary: summarizeCpuProfile(file, [window]) })),
      };
    } else if (profileDir) failures.push('worker 1 wrote no CPU profile');

    // The bare relay, in place of the app and the worker, to the same fake.
    rig.relay = await startRelay(ctx, FAKE_BRAZE_URL);
    await measure(rig, { label: 'bare relay — throughput', implementation: 'relay', kind: 'throughput', workers: [], events: plan.productEvents, drain: true }, { report: true });
    const relayExit = await rig.relay.stop();
    if (relayExit !== 0) failures.push(`the bare relay exited with ${relayExit} on SIGTERM`);
    if (rig.relay.errorLogLines() > 0) warnings.push(`the bare relay logged ${rig.relay.errorLogLines()} errors:\n${rig.relay.process.output().slice(-2_000)}`);
    rig.relay = undefined;

    // Scale out: three product workers.
    const three = await Promise.all([1, 2, 3].map((n) => start(() => startProductWorker(ctx, `worker ${n} of 3`, allowed))));
    await measure(rig, { label: 'product, 3 workers — throughput', implementation: 'product', kind: 'throughput', workers: three, events: plan.productEvents, drain: true }, { report: true });
    await Promise.all(three.map(stop));

    // The naive baseline, one worker, same app, fake and rate limit.
    const naive = await start(() => startNaiveWorker(ctx, allowed));
    await measure(rig, { label: 'naive, 1 worker — throughput', implementation: 'naive', kind: 'throughput', workers: [naive], events: plan.naiveEvents, drain: true }, { report: true });
    const naiveRate = await measure(rig, { label: `naive, 1 worker — ${RATE_LABEL}`, implementation: 'naive', kind: 'rate', workers: [naive], durationSec: plan.latencySec, drain: false }, { report: true });
    // Its metrics are complete once it has stopped (it flushes them on the way out).
    await stop(naive);
    await readMetrics(naiveRate, { waitForDelivered: false });

    // The product on a Redis Cluster: its own app and worker, the same fake and rate limit.
    const onCluster = await startClusterRig(ctx, fake);
    try {
      const worker = await start(() => startProductWorker(onCluster.ctx, 'worker on the cluster', allowed));
      await measure(
        onCluster.rig,
        { label: CLUSTER_LABEL, implementation: 'product', kind: 'throughput', workers: [worker], events: plan.productEvents, drain: true },
        { report: true },
      );
      await stop(worker);
    } finally {
      await onCluster.stop();
    }
    await syncs.disable();
  } finally {
    await Promise.all([...running].map((w) => stop(w)));
    await rig?.relay?.stop();
    if (app) {
      await app.stop();
      if (app.errorLogLines() > 0) warnings.push(`the app logged ${app.errorLogLines()} errors`);
    }
    await fake?.stop();
    // The naive baseline's backlog, and everything else this scenario queued.
    await deleteKeysWithPrefix(ctx.redis, ctx.queuePrefix);
  }

  return {
    title: `Delivery: POST /2/httpapi → worker(s) → fake Braze (3,000 requests / 3 s), one app process, one sync${options.profile ? ' — worker 1 under the CPU profiler, its figures are lower' : ''}`,
    columns: COLUMNS,
    rows: parts.map(toRow),
    notes: [...notes(plan, parts, Boolean(profile)), ...revenueComparison(parts), ...warnings.map((w) => `WARNING ${w}`)],
    failures,
    targets: targets(parts),
    profile,
    // Windows are process.hrtime() stamps (bigint), meaningless outside this run.
    data: { targets: TARGETS, plan, parts: parts.map(({ window: _window, ...part }) => part) },
  };
}

export const scenario: Scenario = {
  name: 'delivery',
  description: 'Events/s delivered end to end to a rate-limited fake Braze, latency at 2,000 events/s, 1 vs 3 workers, a naive baseline, and 1 worker on a Redis Cluster.',
  run,
};
