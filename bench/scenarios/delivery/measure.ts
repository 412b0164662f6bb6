/**
 * One measured part of the delivery benchmark: load through the app while the worker(s) deliver
 * to the fake Braze, with what the fake accepted sampled over time, the processes' CPU and memory,
 * the product's own delivery metrics for the part's sync, and what was left in the queues.
 */
import { Queue } from 'bullmq';
import type { RunningApp } from '@/bench/harness/app';
import { startChildTask } from '@/bench/harness/child-task';
import type { RunContext } from '@/bench/harness/context';
import type { Window } from '@/bench/harness/cpu-profile';
import { sampleUsage, type UsageSummary } from '@/bench/harness/proc-stats';
import { NAIVE_DELIVER_QUEUE } from '@/bench/baseline/naive-queue';
import { bareRelayListKey } from '@/bench/baseline/bare-relay-key';
import { samplePostgresCpu } from '@/bench/scenarios/delivery/postgres-cpu';
import { acceptedRequestsOf, type FakeStats, type RunningFake } from '@/bench/scenarios/delivery/fake-braze';
import type { DeliveryLoadInput, DeliveryLoadResult } from '@/bench/scenarios/delivery/load-generator';
import { BATCH_SIZE, LATENCY_RATE_EVENTS_PER_SECOND, THROUGHPUT_CONNECTIONS } from '@/bench/scenarios/delivery/plan';
import type { RunningRelay } from '@/bench/scenarios/delivery/relay';
import type { GcSummary, RunningWorker } from '@/bench/scenarios/delivery/workers';
import { loadSyncSeries, type SyncSeries } from '@/lib/metrics/queries';
import { deliverQueue, everyPartition, ingestQueue, producerConnection } from '@/lib/queue/queues';

const LOAD_GENERATOR = 'bench/scenarios/delivery/load-generator.ts';
const POLL_MS = 250;
/** Delivery is given up as stuck when the fake's count does not move for this long. */
const STALL_MS = 30_000;
const DRAIN_TIMEOUT_MS = 5 * 60_000;

export interface Rig {
  ctx: RunContext;
  app: RunningApp;
  fake: RunningFake;
  redisPid?: number;
  /** The masters of a local Redis Cluster, when the product runs on one: their CPU counts as Redis's. */
  clusterPids?: number[];
  /** The product's ingest and deliver queues, every partition (default: this process's configuration). */
  productQueues?: () => { ingest: Queue[]; deliver: Queue[] };
  /** The bare relay, while its variant runs. */
  relay?: RunningRelay;
}

/** What delivers: the product (app + worker), the naive baseline (app + its worker), or the bare relay alone. */
export type Implementation = 'product' | 'naive' | 'relay';

export interface PartSpec {
  label: string;
  implementation: Implementation;
  kind: 'throughput' | 'rate';
  workers: RunningWorker[];
  syncId: string;
  sequenceStart: number;
  /** `throughput`: events pushed as fast as the app takes them. */
  events?: number;
  /** `rate`: seconds at LATENCY_RATE_EVENTS_PER_SECOND. */
  durationSec?: number;
  /** Wait until everything accepted has reached Braze (false: stop when the load stops). */
  drain: boolean;
  /** Share of events sent as revenue events (bench/scenarios/delivery/revenue-events). */
  revenueShare?: number;
}

interface Sample {
  at: number;
  eventsAccepted: number;
}

/** Jobs waiting (or delayed) and active in the ingest queue and the delivery queue, over time. */
export interface QueueSample {
  at: number;
  ingest: number;
  deliver: number;
  ingestActive: number;
  deliverActive: number;
  deliverDelayed: number;
}

export interface PartResult {
  label: string;
  implementation: Implementation;
  kind: 'throughput' | 'rate';
  workers: number;
  syncId: string;
  load: DeliveryLoadResult;
  /** Events the app accepted, and events the fake accepted by the end of the part. */
  sentEvents: number;
  deliveredEvents: number;
  /** Throughput: delivered/s between 10 % and 90 % of the events (the steady middle). */
  steadyEventsPerSecond?: number;
  /** Throughput: all events over first request sent → last event accepted by Braze. */
  endToEndEventsPerSecond?: number;
  /** Delivered/s while the load was being sent. */
  deliveredPerSecondDuringLoad: number;
  /** Accepted by the app but not yet by Braze when the load ended. */
  backlogAtLoadEnd: number;
  /** From load end until the fake had every event (undefined when not drained). */
  drainSec?: number;
  drained: boolean;
  objectsPerRequest?: number;
  acceptedBrazeRequests: number;
  rateLimited: number;
  fake: FakeStats;
  usage: UsageSummary;
  /** CPU of the local Postgres server (all its processes), % of one core. */
  postgresCpuPercent?: number;
  /** The machine's busy CPU used by neither the watched processes nor Postgres. */
  otherCpuPercent?: number;
  /** Queue depths every second: where a backlog waited (before or after the fan-out). */
  queues: QueueSample[];
  workerRssPeakMib?: number;
  workerRssPeakSumMib?: number;
  workerCpuPercent?: number;
  /** The longest a worker's event loop ran late during the part (lock renewals, timers wait for it). */
  workerLoopDelayMaxMs?: number;
  /** What the first worker's garbage collector did during the part. */
  workerGc?: GcSummary;
  /** Error log lines of the workers during the part, by message. */
  workerErrors: { message: string; count: number }[];
  /** CPU time per event Braze accepted, in microseconds, by process (app, worker = all workers, relay, Redis, Postgres, fake). */
  cpuUsPerEvent: Partial<Record<CpuConsumer, number>>;
  /** The product's metrics of the part's sync (filled by `readMetrics`). */
  metrics?: SyncSeries['totals'];
  window: Window;
  problems: string[];
}

export type CpuConsumer = 'app' | 'worker' | 'relay' | 'redis' | 'postgres' | 'fake';

const QUEUE_EVERY = 4;

/** Reads what is waiting where: the ingest and delivery queues, or the bare relay's LIST (as "ingest"). */
type QueueProbe = () => Promise<Omit<QueueSample, 'at'>>;

async function depthOf(q: Queue) {
  const counts = (await q.getJobCounts('waiting', 'delayed', 'prioritized', 'active')) as Record<string, number>;
  return { waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0, delayed: counts.delayed ?? 0 };
}

/** The depths of a queue's partitions, added up. */
async function depthOfAll(queues: Queue[]) {
  const depths = await Promise.all(queues.map(depthOf));
  return depths.reduce((a, b) => ({ waiting: a.waiting + b.waiting, active: a.active + b.active, delayed: a.delayed + b.delayed }), { waiting: 0, active: 0, delayed: 0 });
}

function queueProbe(ingestQueues: Queue[], deliverQueues: Queue[]): QueueProbe {
  return async () => {
    const [ingest, deliver] = await Promise.all([depthOfAll(ingestQueues), depthOfAll(deliverQueues)]);
    return { ingest: ingest.waiting, deliver: deliver.waiting, ingestActive: ingest.active, deliverActive: deliver.active, deliverDelayed: deliver.delayed };
  };
}

const configuredQueues = () => ({ ingest: everyPartition(ingestQueue), deliver: everyPartition(deliverQueue) });

function relayProbe(rig: Rig): QueueProbe {
  const key = bareRelayListKey(rig.ctx.queuePrefix);
  return async () => ({ ingest: await rig.ctx.redis.llen(key), deliver: 0, ingestActive: 0, deliverActive: 0, deliverDelayed: 0 });
}

/** Samples the fake's counters until stopped, and every fourth time the queues' depths. */
function pollFake(fake: RunningFake, probe: QueueProbe) {
  const samples: Sample[] = [];
  const depths: QueueSample[] = [];
  let stopped = false;
  let latest: FakeStats | undefined;
  const loop = (async () => {
    for (let i = 0; !stopped; i++) {
      try {
        latest = await fake.stats();
        samples.push({ at: Date.now(), eventsAccepted: latest.eventsAccepted });
        if (i % QUEUE_EVERY === 0) depths.push({ at: Date.now(), ...(await probe()) });
      } catch {
        // A missed sample is only a coarser curve; a dead fake fails the part below.
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  return {
    samples,
    depths,
    latest: () => latest?.eventsAccepted ?? 0,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** When the fake's count first reached `value` (linear between samples), epoch ms. */
function timeReaching(samples: Sample[], value: number): number | undefined {
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    if (s.eventsAccepted < value) continue;
    const prev = samples[i - 1];
    if (!prev || s.eventsAccepted === prev.eventsAccepted) return s.at;
    return prev.at + ((s.at - prev.at) * (value - prev.eventsAccepted)) / (s.eventsAccepted - prev.eventsAccepted);
  }
  return undefined;
}

/** The fake's count at `at` (linear between samples). */
function countAt(samples: Sample[], at: number): number {
  let prev: Sample | undefined;
  for (const s of samples) {
    if (s.at >= at) {
      if (!prev) return s.eventsAccepted;
      return prev.eventsAccepted + ((s.eventsAccepted - prev.eventsAccepted) * (at - prev.at)) / (s.at - prev.at);
    }
    prev = s;
  }
  return prev?.eventsAccepted ?? 0;
}

async function waitForFake(poller: ReturnType<typeof pollFake>, target: number): Promise<boolean> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    const now = poller.latest();
    if (now >= target) return true;
    if (now !== last) {
      last = now;
      movedAt = Date.now();
    }
    if (Date.now() - movedAt > STALL_MS || Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function errorCounts(workers: RunningWorker[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of workers) for (const { message, count } of w.errorSummary()) counts.set(message, (counts.get(message) ?? 0) + count);
  return counts;
}

/** CPU time per delivered event of each process, in µs, from its CPU share (% of one core) over `seconds`. */
function cpuPerEvent(percents: Record<CpuConsumer, number | undefined>, seconds: number, delivered: number): PartResult['cpuUsPerEvent'] {
  const out: PartResult['cpuUsPerEvent'] = {};
  if (delivered === 0) return out;
  for (const [name, percent] of Object.entries(percents) as [CpuConsumer, number | undefined][]) {
    if (percent !== undefined) out[name] = Math.round(((percent / 100) * seconds * 1e6) / delivered);
  }
  return out;
}

/** Redis's CPU share: the one server's, or every cluster master's added up. */
export function redisCpuPercent(processes: UsageSummary['processes']): number | undefined {
  const shares = Object.entries(processes).flatMap(([name, p]) => (/^redis\d*$/.test(name) && p?.cpuPercent !== undefined ? [p.cpuPercent] : []));
  return shares.length > 0 ? shares.reduce((a, b) => a + b, 0) : undefined;
}

export async function runPart(rig: Rig, spec: PartSpec): Promise<PartResult> {
  const { ctx, app, fake } = rig;
  if (spec.implementation === 'relay' && !rig.relay) throw new Error(`${spec.label}: the bare relay is not running`);
  const target = spec.implementation === 'relay' ? rig.relay!.url : app.url;
  await fake.reset();
  const input: DeliveryLoadInput =
    spec.kind === 'throughput'
      ? {
          mode: 'count',
          url: `${target}/2/httpapi`,
          apiKey: ctx.project.apiKey,
          sequenceStart: spec.sequenceStart,
          requests: Math.ceil(spec.events! / BATCH_SIZE),
          connections: THROUGHPUT_CONNECTIONS,
          ...(spec.revenueShare ? { revenueShare: spec.revenueShare } : {}),
        }
      : {
          mode: 'rate',
          url: `${target}/2/httpapi`,
          apiKey: ctx.project.apiKey,
          sequenceStart: spec.sequenceStart,
          requestsPerSecond: LATENCY_RATE_EVENTS_PER_SECOND / BATCH_SIZE,
          durationSec: spec.durationSec!,
        };
  const task = await startChildTask<DeliveryLoadInput, DeliveryLoadResult>('load generator', LOAD_GENERATOR, input);
  const problems: string[] = [];
  try {
    // The app idles while the bare relay runs: its CPU then counts as another program's.
    const pids: Record<string, number> = { fake: fake.process.pid, loadGenerator: task.process.pid };
    if (spec.implementation === 'relay') pids.relay = rig.relay!.process.pid;
    else pids.app = app.process.pid;
    spec.workers.forEach((w, i) => (pids[`worker${i + 1}`] = w.process.pid));
    if (rig.clusterPids) rig.clusterPids.forEach((pid, i) => (pids[`redis${i + 1}`] = pid));
    else if (rig.redisPid) pids.redis = rig.redisPid;
    const queues = (rig.productQueues ?? configuredQueues)();
    const naive = spec.implementation === 'naive' ? naiveQueue(ctx.queuePrefix) : undefined;
    const errorsBefore = errorCounts(spec.workers);
    const sampler = sampleUsage(pids);
    const postgres = samplePostgresCpu();
    const poller = pollFake(fake, spec.implementation === 'relay' ? relayProbe(rig) : queueProbe(queues.ingest, naive ? [naive] : queues.deliver));
    const from = process.hrtime.bigint();
    const load = await task.run();
    const drained = spec.drain ? await waitForFake(poller, load.acceptedEvents) : false;
    const drainedAt = Date.now();
    const window: Window = [from, process.hrtime.bigint()];
    const usage = sampler.stop();
    const postgresCpuPercent = postgres.stop();
    await poller.stop();
    await naive?.close();
    const stats = await fake.stats();
    const samples = poller.samples;
    samples.push({ at: Date.now(), eventsAccepted: stats.eventsAccepted });

    const sent = load.acceptedEvents;
    const seconds = (a: number, b: number) => Math.max(0.001, (b - a) / 1000);
    const atLoadEnd = countAt(samples, load.endedAt);
    const result: PartResult = {
      label: spec.label,
      implementation: spec.implementation,
      kind: spec.kind,
      workers: spec.workers.length,
      syncId: spec.syncId,
      load,
      sentEvents: sent,
      deliveredEvents: stats.eventsAccepted,
      deliveredPerSecondDuringLoad: atLoadEnd / seconds(load.startedAt, load.endedAt),
      backlogAtLoadEnd: Math.max(0, Math.round(sent - atLoadEnd)),
      drained,
      drainSec: drained ? Math.round((drainedAt - load.endedAt) / 100) / 10 : undefined,
      objectsPerRequest: acceptedRequestsOf(stats) > 0 ? (stats.eventsAccepted + stats.attributesAccepted) / acceptedRequestsOf(stats) : undefined,
      acceptedBrazeRequests: acceptedRequestsOf(stats),
      rateLimited: stats.rateLimited,
      fake: stats,
      usage,
      postgresCpuPercent,
      otherCpuPercent:
        usage.otherCpuPercent === undefined ? undefined : Math.max(0, Math.round((usage.otherCpuPercent - (postgresCpuPercent ?? 0)) * 10) / 10),
      queues: poller.depths,
      workerErrors: [...errorCounts(spec.workers)]
        .map(([message, count]) => ({ message, count: count - (errorsBefore.get(message) ?? 0) }))
        .filter((e) => e.count > 0)
        .sort((a, b) => b.count - a.count),
      cpuUsPerEvent: {},
      window,
      problems,
    };
    if (spec.kind === 'throughput') {
      const t10 = timeReaching(samples, 0.1 * sent);
      const t90 = timeReaching(samples, 0.9 * sent);
      const tAll = timeReaching(samples, sent);
      if (t10 !== undefined && t90 !== undefined) result.steadyEventsPerSecond = (0.8 * sent) / seconds(t10, t90);
      if (tAll !== undefined) result.endToEndEventsPerSecond = sent / seconds(load.startedAt, tAll);
    }
    const lags = spec.workers.map((w) => w.loopDelayMaxMs(load.startedAt, drainedAt)).filter((v): v is number => v !== undefined);
    if (lags.length > 0) result.workerLoopDelayMaxMs = Math.max(...lags);
    result.workerGc = spec.workers[0]?.gcBetween(load.startedAt, drainedAt);
    const workerUsage = spec.workers.map((_, i) => usage.processes[`worker${i + 1}`]);
    const peaks = workerUsage.map((u) => u?.rssPeakMib).filter((v): v is number => v !== undefined);
    if (peaks.length > 0) {
      result.workerRssPeakMib = Math.max(...peaks);
      result.workerRssPeakSumMib = Math.round(peaks.reduce((a, b) => a + b, 0) * 10) / 10;
    }
    const cpus = workerUsage.map((u) => u?.cpuPercent).filter((v): v is number => v !== undefined);
    if (cpus.length > 0) result.workerCpuPercent = cpus.reduce((a, b) => a + b, 0);
    const { processes } = usage;
    result.cpuUsPerEvent = cpuPerEvent(
      { app: processes.app?.cpuPercent, worker: result.workerCpuPercent, relay: processes.relay?.cpuPercent, redis: redisCpuPercent(processes), postgres: postgresCpuPercent, fake: processes.fake?.cpuPercent },
      usage.seconds,
      stats.eventsAccepted,
    );

    if (sent !== Math.ceil((spec.events ?? 0) / BATCH_SIZE) * BATCH_SIZE && spec.kind === 'throughput') {
      problems.push(`the app accepted ${sent} of the ${spec.events} events sent`);
    }
    if (spec.drain) {
      if (stats.eventsAccepted < sent) problems.push(`lost: the app accepted ${sent} events, Braze received ${stats.eventsAccepted} (no progress for ${STALL_MS / 1000} s)`);
    }
    return result;
  } finally {
    await task.finish();
  }
}

/**
 * The product's delivery metrics of the part's sync, once every worker has flushed them (the
 * recorder writes once a second): waits until `delivered` reaches what reached Braze.
 */
export async function readMetrics(result: PartResult, opts: { waitForDelivered: boolean }): Promise<SyncSeries> {
  const from = new Date(Math.floor(result.load.startedAt / 60_000) * 60_000 - 60_000);
  const read = () => loadSyncSeries(result.syncId, from, new Date(Date.now() + 120_000));
  const deadline = Date.now() + 15_000;
  let series = await read();
  // Braze may hold more than was sent (counted duplicates); the metrics count each event once.
  const expected = Math.min(result.deliveredEvents, result.sentEvents);
  while (opts.waitForDelivered && series.totals.delivered < expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    series = await read();
  }
  result.metrics = series.totals;
  return series;
}

/**
 * Checks the product's metrics against what was sent and what the fake accepted: every event
 * delivered once in the metrics, none not delivered, expired, skipped or filtered. Braze may hold
 * an object twice only where the product counted a possible duplicate (an attempt whose outcome
 * was unknown, sent again); more copies than that are a failure.
 */
export function checkMetrics(result: PartResult): void {
  const m = result.metrics;
  if (!m) return;
  if (m.delivered !== result.sentEvents) {
    result.problems.push(`the sync's metrics count ${m.delivered} delivered, the app accepted ${result.sentEvents}`);
  }
  const extra = result.deliveredEvents - result.sentEvents;
  if (extra > m.possibleDuplicates) {
    result.problems.push(`duplicates: Braze received ${extra} events more than the app accepted, the product counted ${m.possibleDuplicates} possible duplicates`);
  }
  if (m.notDelivered > 0) result.problems.push(`${m.notDelivered} objects not delivered (dead letters)`);
  if (m.expired > 0) result.problems.push(`${m.expired} objects expired`);
  if (m.skipped > 0 || m.filtered > 0) result.problems.push(`${m.skipped} skipped and ${m.filtered} filtered events (expected none)`);
}

const naiveQueue = (prefix: string) => new Queue(NAIVE_DELIVER_QUEUE, { connection: producerConnection(), prefix });

const OPEN_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'] as const;

/**
 * Jobs of the queue in a state other than completed (waits up to 15 s for the last to complete);
 * for the bare relay, bodies still in its LIST.
 */
export async function openJobs(implementation: Implementation, rig: Rig): Promise<Record<string, number>> {
  const { queuePrefix, redis } = rig.ctx;
  if (implementation === 'relay') {
    const waiting = await redis.llen(bareRelayListKey(queuePrefix));
    return waiting > 0 ? { 'bare relay bodies waiting': waiting } : {};
  }
  const naive = implementation === 'naive' ? naiveQueue(queuePrefix) : undefined;
  const product = (rig.productQueues ?? configuredQueues)();
  const queues = [...product.ingest, ...(naive ? [naive] : product.deliver)];
  try {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const open: Record<string, number> = {};
      for (const q of queues) {
        const counts = (await q.getJobCounts(...OPEN_STATES)) as Record<string, number>;
        for (const [state, n] of Object.entries(counts)) if (n > 0) open[`${q.name} ${state}`] = (open[`${q.name} ${state}`] ?? 0) + n;
      }
      if (Object.keys(open).length === 0 || Date.now() > deadline) return open;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await naive?.close();
  }
}
