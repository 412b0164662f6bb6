/**
 * Forward to Amplitude: its p95 latency from ingestion to Amplitude's 200 at 2,000 events/s, and
 * what forwarding costs Braze delivery — the same throughput part as the delivery benchmark with
 * forwarding off and on (target: at most 15 % fewer events/s delivered to Braze).
 *
 * One app process, one worker, the delivery benchmark's fake Braze (3,000 requests / 3 s) and the
 * fake Amplitude (test/fakes/amplitude) in this process, whose CPU therefore counts as "other".
 * Parts, each with a sync of its own:
 *   1–4. forwarding off, on, off, on — throughput to Braze (and, when on, every accepted event
 *      at Amplitude), alternated so that other programs' load falls on both alike;
 *   5. forwarding on — 2,000 events/s for the latency duration; forwarding's p95 from the
 *      product's own histogram (forward_minute_metrics, emptied before the part).
 * Events lost on the way to Amplitude, or jobs left in the forward queue, fail the run.
 */
import type { RunContext } from '@/bench/harness/context';
import { startApp, type RunningApp } from '@/bench/harness/app';
import { localRedisPid } from '@/bench/harness/proc-stats';
import { deleteKeysWithPrefix } from '@/test/redis-keys';
import type { Scenario, ScenarioReport } from '@/bench/harness/scenario';
import { formatNumber } from '@/bench/harness/table';
import { FAKE_BRAZE_URL } from '@/bench/scenarios/delivery/endpoint';
import { startFake, type RunningFake } from '@/bench/scenarios/delivery/fake-braze';
import { checkMetrics, openJobs, readMetrics, runPart, type PartResult, type Rig } from '@/bench/scenarios/delivery/measure';
import { LATENCY_RATE_EVENTS_PER_SECOND, SEQUENCE_BASE, SEQUENCE_BLOCK, planOf } from '@/bench/scenarios/delivery/plan';
import { createBenchSyncs } from '@/bench/scenarios/delivery/sync';
import { startProductWorker, type RunningWorker } from '@/bench/scenarios/delivery/workers';
import { FAKE_AMPLITUDE_URL } from '@/bench/scenarios/forward/endpoint';
import { prisma } from '@/lib/db/prisma';
import { saveForwardSettings } from '@/lib/forward/settings';
import { addHistograms, emptyHistogram, quantileOf } from '@/lib/metrics/latency';
import { forwardQueue } from '@/lib/queue/queues';
import { startFakeAmplitude, type FakeAmplitude } from '@/test/fakes/amplitude';

/** Braze delivery with forwarding on may deliver at most this much less (the bar). */
const MAX_BRAZE_SLOWDOWN = 0.15;
const FORWARD_P95_TARGET_MS = 1_000;
const DRAIN_TIMEOUT_MS = 5 * 60_000;

interface ForwardPart {
  label: string;
  braze: PartResult;
  /** Events accepted by the app that reached Amplitude (distinct insert_ids). */
  atAmplitude: number;
  forwardP95Ms?: number | null;
}

async function untilAmplitudeHas(fake: FakeAmplitude, count: number): Promise<boolean> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (fake.stats().ingested < count) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
  return true;
}

async function forwardP95(projectId: string): Promise<number | null> {
  const rows = await prisma().forwardMinuteMetric.findMany({ where: { projectId } });
  return quantileOf(rows.reduce((h, r) => addHistograms(h, r.latencyBuckets), emptyHistogram()), 0.95);
}

async function run(ctx: RunContext): Promise<ScenarioReport> {
  const plan = planOf(ctx.options);
  const failures: string[] = [];
  const parts: ForwardPart[] = [];
  const syncs = createBenchSyncs(ctx, FAKE_BRAZE_URL);
  let sequence = 0;
  let app: RunningApp | undefined;
  let braze: RunningFake | undefined;
  let worker: RunningWorker | undefined;
  const amplitude = await startFakeAmplitude({ port: Number(new URL(FAKE_AMPLITUDE_URL).port) });
  const forwarding = (enabled: boolean) => saveForwardSettings(ctx.project.id, { enabled, region: FAKE_AMPLITUDE_URL, apiKey: '', useIngestionKey: false });

  const part = async (rig: Rig, label: string, spec: { kind: 'throughput' | 'rate'; events?: number; durationSec?: number }, forwarded: boolean) => {
    ctx.log(`forward: ${label}`);
    amplitude.reset();
    const syncId = await syncs.next(`bench: ${label}`);
    const result = await runPart(rig, { label, implementation: 'product', workers: [worker!], syncId, sequenceStart: SEQUENCE_BASE + sequence++ * SEQUENCE_BLOCK, drain: true, ...spec });
    await readMetrics(result, { waitForDelivered: true });
    checkMetrics(result);
    const open = await openJobs('product', rig);
    if (Object.keys(open).length > 0) result.problems.push(`jobs left in the queues: ${JSON.stringify(open)}`);
    const entry: ForwardPart = { label, braze: result, atAmplitude: 0 };
    if (forwarded) {
      if (!(await untilAmplitudeHas(amplitude, result.sentEvents))) result.problems.push(`only ${amplitude.stats().ingested} of ${result.sentEvents} accepted events reached Amplitude`);
      entry.atAmplitude = amplitude.stats().ingested;
      const waiting = await forwardQueue().getJobCounts('waiting', 'delayed', 'active', 'failed');
      if (Object.values(waiting).some((n) => n > 0)) result.problems.push(`forward jobs left: ${JSON.stringify(waiting)}`);
    }
    for (const problem of result.problems) failures.push(`${label}: ${problem}`);
    ctx.log(`  ${formatNumber(result.steadyEventsPerSecond ?? result.deliveredPerSecondDuringLoad)} events/s to Braze; ${formatNumber(entry.atAmplitude)} at Amplitude`);
    parts.push(entry);
    return entry;
  };

  try {
    braze = await startFake(FAKE_BRAZE_URL);
    app = await startApp(ctx);
    const rig: Rig = { ctx, app, fake: braze, redisPid: await localRedisPid(ctx.redis) };
    worker = await startProductWorker(ctx, 'worker 1', FAKE_BRAZE_URL);
    const throughput = { kind: 'throughput' as const, events: plan.productEvents };
    const rates: Record<'off' | 'on', number[]> = { off: [], on: [] };
    for (const round of [1, 2]) {
      for (const state of ['off', 'on'] as const) {
        await forwarding(state === 'on');
        // The app reloads which projects forward every second.
        await new Promise((r) => setTimeout(r, 2_000));
        const measured = await part(rig, `Braze throughput, forwarding ${state} (${round})`, throughput, state === 'on');
        rates[state].push(measured.braze.steadyEventsPerSecond ?? 0);
      }
    }
    await prisma().forwardMinuteMetric.deleteMany({ where: { projectId: ctx.project.id } });
    const atRate = await part(rig, `forwarding on, ${formatNumber(LATENCY_RATE_EVENTS_PER_SECOND)} events/s`, { kind: 'rate', durationSec: plan.latencySec }, true);
    // The worker adds its counters once a second.
    await new Promise((r) => setTimeout(r, 2_500));
    atRate.forwardP95Ms = await forwardP95(ctx.project.id);
    await forwarding(false);
    await syncs.disable();

    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const offRate = mean(rates.off);
    const onRate = mean(rates.on);
    const slowdown = offRate > 0 ? 1 - onRate / offRate : 0;
    return {
      title: 'Forward to Amplitude: POST /2/httpapi → worker → fake Braze (3,000 requests / 3 s) and fake Amplitude, one app process, one worker',
      columns: [
        { header: 'Part', align: 'left' },
        { header: 'Braze events/s' },
        { header: 'Events at Braze' },
        { header: 'Events at Amplitude' },
        { header: 'Forward p95' },
        { header: 'worker µs/event' },
        { header: 'app µs/event' },
        { header: 'Redis µs/event' },
        { header: 'Postgres CPU' },
        { header: 'other CPU' },
      ],
      rows: parts.map((p) => [
        p.label,
        formatNumber(p.braze.steadyEventsPerSecond ?? p.braze.deliveredPerSecondDuringLoad),
        `${formatNumber(p.braze.deliveredEvents)}/${formatNumber(p.braze.sentEvents)}`,
        p.atAmplitude ? `${formatNumber(p.atAmplitude)}/${formatNumber(p.braze.sentEvents)}` : '—',
        p.forwardP95Ms === undefined ? '—' : p.forwardP95Ms === null ? 'no data' : `${formatNumber(p.forwardP95Ms)} ms`,
        formatNumber(p.braze.cpuUsPerEvent.worker),
        formatNumber(p.braze.cpuUsPerEvent.app),
        formatNumber(p.braze.cpuUsPerEvent.redis),
        `${formatNumber(p.braze.postgresCpuPercent)} %`,
        `${formatNumber(p.braze.otherCpuPercent)} %`,
      ]),
      notes: [
        'Braze events/s: steady delivery (10 %–90 % of the events) for the throughput parts; delivered/s during the load for the fixed-rate part.',
        'µs/event: CPU time of the process per event delivered to Braze (forwarding adds its own work to the worker, the app and Redis); other CPU: programs not watched, the fake Amplitude among them.',
        `Mean of the two rounds: ${formatNumber(onRate)} events/s with forwarding, ${formatNumber(offRate)} without.`,
        `Forwarding on delivers ${formatNumber(Math.abs(slowdown) * 100, 1)} % ${slowdown >= 0 ? 'fewer' : 'more'} events/s to Braze than off.`,
      ],
      failures,
      targets: [
        { name: `forward p95 ≤ ${formatNumber(FORWARD_P95_TARGET_MS)} ms at ${formatNumber(LATENCY_RATE_EVENTS_PER_SECOND)} events/s`, met: (atRate.forwardP95Ms ?? Infinity) <= FORWARD_P95_TARGET_MS, detail: `${formatNumber(atRate.forwardP95Ms ?? undefined)} ms` },
        { name: `Braze throughput with forwarding ≥ ${100 - MAX_BRAZE_SLOWDOWN * 100} % of without`, met: slowdown <= MAX_BRAZE_SLOWDOWN, detail: `${formatNumber(onRate)} vs ${formatNumber(offRate)} events/s` },
      ],
      data: { parts: parts.map((p) => ({ label: p.label, brazeEventsPerSecond: p.braze.steadyEventsPerSecond ?? p.braze.deliveredPerSecondDuringLoad, sent: p.braze.sentEvents, atBraze: p.braze.deliveredEvents, atAmplitude: p.atAmplitude, forwardP95Ms: p.forwardP95Ms })), slowdown },
    };
  } finally {
    await worker?.stop();
    await app?.stop();
    await braze?.stop();
    await amplitude.close();
    await deleteKeysWithPrefix(ctx.redis, ctx.queuePrefix);
  }
}

export const scenario: Scenario = {
  name: 'forward',
  description: 'Forward to Amplitude: p95 latency at 2,000 events/s, and Braze delivery throughput with forwarding off and on.',
  run,
};
