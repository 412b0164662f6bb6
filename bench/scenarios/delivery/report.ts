/** The delivery scenario's table, notes and targets. */
import { EVENTS_ONLY_WARM_LABEL } from '@/bench/scenarios/delivery/revenue-events';
import { formatNumber, type Column } from '@/bench/harness/table';
import { OBJECTS_PER_REQUEST } from '@/bench/baseline/relay-sender';
import { redisCpuPercent, type CpuConsumer, type PartResult } from '@/bench/scenarios/delivery/measure';
import { BATCH_SIZE, LATENCY_RATE_EVENTS_PER_SECOND, SELECTED_EVENT_PROPERTIES, TARGETS, THROUGHPUT_CONNECTIONS, type planOf } from '@/bench/scenarios/delivery/plan';
import { USERS } from '@/bench/scenarios/ingestion/events';

export const COLUMNS: Column[] = [
  { header: 'variant', align: 'left' },
  { header: 'events' },
  { header: 'delivered/s' },
  { header: 'end-to-end/s' },
  { header: 'p50 ms' },
  { header: 'p95 ms' },
  { header: 'p99 ms' },
  { header: 'objects/req' },
  { header: '429s' },
  { header: 'backlog at load end' },
  { header: 'worker RSS peak MiB' },
  { header: 'worker CPU' },
  { header: 'worker µs/event' },
  { header: 'loop lag max ms' },
  { header: 'app CPU' },
  { header: 'app µs/event' },
  { header: 'relay CPU' },
  { header: 'relay µs/event' },
  { header: 'fake CPU' },
  { header: 'Redis CPU' },
  { header: 'Postgres CPU' },
  { header: 'other CPU' },
  { header: 'check', align: 'left' },
];

const cpu = (p: number | undefined) => (p === undefined ? '–' : `${Math.round(p)} %`);

function rss(r: PartResult): string {
  if (r.workerRssPeakMib === undefined) return '–';
  return r.workers > 1 ? `${formatNumber(r.workerRssPeakMib)} (Σ ${formatNumber(r.workerRssPeakSumMib)})` : formatNumber(r.workerRssPeakMib);
}

function check(r: PartResult): string {
  if (r.problems.length > 0) return 'FAILED';
  const errors = r.workerErrors.reduce((n, e) => n + e.count, 0);
  const logged = errors > 0 ? `; ${formatNumber(errors)} error logs` : '';
  if (!r.drained) return `stopped, ${formatNumber(r.sentEvents - r.deliveredEvents)} undelivered${logged}`;
  const extra = r.deliveredEvents - r.sentEvents;
  return `${extra > 0 ? `ok, all sent + ${formatNumber(extra)} counted duplicates` : `ok, ${formatNumber(r.deliveredEvents)} = sent`}${logged}`;
}

export function toRow(r: PartResult): string[] {
  const latency = r.kind === 'rate' ? r.metrics : undefined;
  return [
    r.label,
    formatNumber(r.sentEvents),
    formatNumber(r.kind === 'throughput' ? r.steadyEventsPerSecond : r.deliveredPerSecondDuringLoad),
    formatNumber(r.endToEndEventsPerSecond),
    formatNumber(latency?.latencyP50Ms ?? undefined),
    formatNumber(latency?.latencyP95Ms ?? undefined),
    formatNumber(latency?.latencyP99Ms ?? undefined),
    formatNumber(r.objectsPerRequest, 1),
    formatNumber(r.rateLimited),
    formatNumber(r.backlogAtLoadEnd),
    rss(r),
    cpu(r.workerCpuPercent),
    formatNumber(r.cpuUsPerEvent.worker),
    formatNumber(r.workerLoopDelayMaxMs),
    cpu(r.usage.processes.app?.cpuPercent),
    formatNumber(r.cpuUsPerEvent.app),
    cpu(r.usage.processes.relay?.cpuPercent),
    formatNumber(r.cpuUsPerEvent.relay),
    cpu(r.usage.processes.fake?.cpuPercent),
    cpu(redisCpuPercent(r.usage.processes)),
    cpu(r.postgresCpuPercent),
    cpu(r.otherCpuPercent),
    check(r),
  ];
}

export function notes(plan: ReturnType<typeof planOf>, parts: PartResult[], profiled: boolean): string[] {
  const one = parts.find((p) => p.implementation === 'product' && p.kind === 'throughput' && p.workers === 1);
  const three = parts.find((p) => p.implementation === 'product' && p.kind === 'throughput' && p.workers === 3);
  const naiveRate = parts.find((p) => p.implementation === 'naive' && p.kind === 'rate');
  const out = [
    `One app process (NODE_ENV=production), worker process(es), the fake Braze in its own process enforcing Braze's default rate limit (3,000 /users/track requests per 3 s), Redis and Postgres, all on this machine. One Enabled sync per variant (events only, ${SELECTED_EVENT_PROPERTIES.length} selected event properties and the user property plan, external_id from user_id).`,
    `Events: the ingestion scenario's generator — ${USERS.toLocaleString('en-US')} users, 10–20 event properties, user_id on every event, a unique insert_id each — sent as bodies of ${BATCH_SIZE} events to POST /2/httpapi by a load generator in its own process.`,
    `Throughput variants: ${formatNumber(plan.productEvents)} events (product) or ${formatNumber(plan.naiveEvents)} (naive) pushed over ${THROUGHPUT_CONNECTIONS} keep-alive connections as fast as the app takes them, while the worker(s) deliver. delivered/s is the steady middle: the rate at which the fake's accepted-event count went from 10 % to 90 % of the events (sampled every 250 ms). end-to-end/s is all events over first request sent → last event accepted by Braze.`,
    `${formatNumber(LATENCY_RATE_EVENTS_PER_SECOND)} events/s variants: ${LATENCY_RATE_EVENTS_PER_SECOND / BATCH_SIZE} requests of ${BATCH_SIZE} events per second on a fixed schedule (open loop) for ${plan.latencySec} s${plan.warmupSec > 0 ? `, after ${plan.warmupSec} s at that rate on another sync (not reported)` : ''}; delivered/s is what Braze accepted while the load ran. p50/p95/p99 are the product's own latency histogram (ingestion by the app → Braze's 201, per object, in fixed buckets, interpolated) read with loadSyncSeries for the variant's sync.`,
    'objects/req = objects Braze accepted ÷ /users/track answers 201. 429s = answers 429 from the fake. backlog at load end = events the app had accepted but Braze not yet when the load stopped.',
    'worker RSS peak: highest resident memory of a worker process (sampled every 200 ms; Σ = sum of the workers\' peaks). CPU in % of one core over the variant (2 cores = 200 %); worker CPU sums the workers; worker µs/event = the workers\' CPU time per event Braze accepted (moves much less than events/s when other programs take CPU); loop lag max = the longest a worker\'s event loop ran late (timers, BullMQ lock renewals and Braze request timeouts all wait for it); Postgres CPU sums all its processes; other CPU is the rest of the machine\'s busy CPU (other programs).',
    'check: after each throughput variant (and the product\'s fixed-rate one) the fake must have accepted every event the app accepted — a second copy only where the product counted a possible duplicate (an attempt with an unknown outcome, sent again) —, the sync\'s metrics must count each delivered once and none not delivered, expired, skipped or filtered, and the queues must be empty; anything else fails the run. Error logs of the workers are counted in the check column and listed under the table (WARNING).',
    'naive = bench/baseline/naive-worker.ts: the product\'s fan-out and Braze objects, but one queue job and one /users/track request per event, through the product\'s rate-limited sender, with the product\'s concurrency.',
    `bare relay = bench/baseline/bare-relay.ts, one process in place of the app and the worker, doing the least any relay must do: it parses each body once, keeps it in Redis with one RPUSH and answers; its consumer pops the bodies and sends their events (same properties as the sync) ${OBJECTS_PER_REQUEST} to a /users/track request to the same rate-limited fake. No API key check, validation, de-duplication, per-user order, markers, metrics or dead letters; popped events die with the process. Its check: the fake accepted exactly the events sent, and its list is empty. relay CPU / µs/event are that one process's; app µs/event = the app's CPU time per event Braze accepted.`,
    ...parts.filter((p) => p.kind === 'throughput').map(cpuBreakdown),
    ...parts.filter((p) => p.kind === 'throughput' && p.workers === 1).flatMap(workerThreads),
  ];
  const relay = parts.find((p) => p.implementation === 'relay' && p.kind === 'throughput');
  if (one && relay) out.push(shareOfRelay(one, relay));
  if (naiveRate && !naiveRate.drained) {
    out.push(
      `The naive worker cannot keep up with ${formatNumber(LATENCY_RATE_EVENTS_PER_SECOND)} events/s (one request per event, and Braze allows 1,000 requests/s): its backlog grew to ${formatNumber(naiveRate.sentEvents - naiveRate.deliveredEvents)} events in ${Math.round((naiveRate.load.endedAt - naiveRate.load.startedAt) / 1000)} s and keeps growing; its percentiles cover only the ${formatNumber(naiveRate.metrics?.delivered)} events delivered by then, so they understate its latency. It was stopped and its backlog discarded.`,
    );
  }
  out.push(
    'The naive baseline cannot pass 1,000 events/s here whatever the CPU: one request per event, and Braze (the fake) allows 1,000 requests/s per workspace. ≥ 10× it therefore means ≥ ~10,000 events/s from the product.',
  );
  if (one?.steadyEventsPerSecond && three?.steadyEventsPerSecond) {
    out.push(
      `Scale out: 3 product workers deliver ${(three.steadyEventsPerSecond / one.steadyEventsPerSecond).toFixed(2)}× what 1 worker does ` +
        `(${formatNumber(three.steadyEventsPerSecond)} vs ${formatNumber(one.steadyEventsPerSecond)} events/s steady; end to end ${formatNumber(three.endToEndEventsPerSecond)} vs ${formatNumber(one.endToEndEventsPerSecond)}) ` +
        'on this 2-core machine, which the app, the fake, Redis and Postgres share. Deliveries come in bursts, so the steady figure can catch one: end to end is the conservative figure.',
    );
  }
  if (profiled) out.push('--profile: the first product worker ran under --cpu-prof; the CPU profile printed below is that worker\'s (1-worker throughput and fixed-rate variants), not the app\'s.');
  return out;
}

const CPU_CONSUMERS: [CpuConsumer, string][] = [['app', 'app'], ['worker', 'worker'], ['relay', 'relay'], ['redis', 'Redis'], ['postgres', 'Postgres'], ['fake', 'fake']];

/** "CPU per delivered event, product 1 worker: app 17 + worker 82 + … = 175 µs". */
function cpuBreakdown(r: PartResult): string {
  const shares = CPU_CONSUMERS.filter(([key]) => r.cpuUsPerEvent[key] !== undefined);
  const total = shares.reduce((sum, [key]) => sum + r.cpuUsPerEvent[key]!, 0);
  return `CPU per delivered event, ${r.label}: ${shares.map(([key, name]) => `${name} ${formatNumber(r.cpuUsPerEvent[key])}`).join(' + ')} = ${formatNumber(total)} µs.`;
}

/**
 * Where one worker's time went: its main thread (all the JavaScript) running, and ready but
 * waiting for a core that other processes held; V8's helper threads (garbage collection,
 * compilation) are the rest of the worker's CPU. A main thread that waits is a CPU-bound machine,
 * not a slow worker.
 */
function workerThreads(r: PartResult): string[] {
  const usage = r.usage.processes.worker1;
  const main = usage?.mainThread;
  if (!usage?.cpuPercent || !main) return [];
  const helpers = Math.max(0, usage.cpuPercent - main.runningPercent);
  return [
    `Worker threads, ${r.label}: main thread running ${formatNumber(main.runningPercent)} % and waiting for a core ${formatNumber(main.waitingPercent)} % of the time; ` +
      `V8's helper threads (garbage collection, compilation) ${formatNumber(helpers)} % of a core, ${percentOf(helpers / usage.cpuPercent)} of the worker's CPU.`,
    ...workerGc(r),
  ];
}

/**
 * What the worker's garbage collector did per delivered event: the bytes young-generation
 * collections promoted to the old generation (what the full collections then mark and sweep,
 * mostly on the helper threads) and the main thread's pauses. Promotion moves much less than CPU
 * when other programs take a core: the figure to compare when a change is meant to hold less.
 */
function workerGc(r: PartResult): string[] {
  const gc = r.workerGc;
  if (!gc || r.deliveredEvents <= 0) return [];
  const perEvent = (x: number) => x / r.deliveredEvents;
  return [
    `Worker garbage collection, ${r.label}: ${(perEvent(gc.promotedBytes) / 1024).toFixed(1)} KB promoted to the old generation per event; ` +
      `main-thread pauses ${formatNumber(perEvent((gc.youngMs + gc.fullMs) * 1_000))} µs per event (${formatNumber(gc.young)} young-generation collections, ${formatNumber(gc.youngMs)} ms; ${formatNumber(gc.full)} full, ${formatNumber(gc.fullMs)} ms with their incremental marking).`,
  ];
}

const ratioOf = (a: number | undefined, b: number | undefined) => (a && b ? a / b : 0);
const percentOf = (ratio: number) => `${Math.round(ratio * 100)} %`;

function shareOfRelay(product: PartResult, relay: PartResult): string {
  return (
    `Product (1 worker) against the bare relay in the same run: end to end ${formatNumber(product.endToEndEventsPerSecond)} vs ${formatNumber(relay.endToEndEventsPerSecond)} events/s = ${percentOf(ratioOf(product.endToEndEventsPerSecond, relay.endToEndEventsPerSecond))}; ` +
    `steady ${formatNumber(product.steadyEventsPerSecond)} vs ${formatNumber(relay.steadyEventsPerSecond)} events/s = ${percentOf(ratioOf(product.steadyEventsPerSecond, relay.steadyEventsPerSecond))}.`
  );
}

export function targets(parts: PartResult[]) {
  const one = parts.find((p) => p.implementation === 'product' && p.kind === 'throughput' && p.workers === 1);
  const rate = parts.find((p) => p.implementation === 'product' && p.kind === 'rate');
  const naive = parts.find((p) => p.implementation === 'naive' && p.kind === 'throughput');
  const relay = parts.find((p) => p.implementation === 'relay' && p.kind === 'throughput');
  const out: { name: string; met: boolean; detail: string }[] = [];
  const warm = parts.find((p) => p.label === EVENTS_ONLY_WARM_LABEL);
  for (const [part, users] of [[one, 'first sight of the users'], [warm, 'profiles exist']] as const) {
    if (!part) continue;
    out.push({
      name: `≥ ${formatNumber(TARGETS.eventsPerSecond)} events/s delivered end to end (1 worker, ${users})`,
      met: (part.endToEndEventsPerSecond ?? 0) >= TARGETS.eventsPerSecond,
      detail: `${formatNumber(part.endToEndEventsPerSecond)} events/s first request → last delivery (${formatNumber(part.steadyEventsPerSecond)} steady)`,
    });
  }
  if (one) {
    out.push({
      name: `≥ ${TARGETS.objectsPerRequest} objects per Braze request at load`,
      met: (one.objectsPerRequest ?? 0) >= TARGETS.objectsPerRequest,
      detail: `${formatNumber(one.objectsPerRequest, 1)} objects per request`,
    });
  }
  const oneWorker = parts.filter((p) => p.implementation === 'product' && p.workers === 1 && p.workerRssPeakMib !== undefined);
  if (oneWorker.length > 0) {
    const peaks = oneWorker.map((p) => p.workerRssPeakMib!);
    out.push({
      name: `worker RSS ≤ ${TARGETS.workerRssMib} MiB (1 worker, every variant)`,
      met: Math.max(...peaks) <= TARGETS.workerRssMib,
      detail: `${formatNumber(Math.min(...peaks))}–${formatNumber(Math.max(...peaks))} MiB peak`,
    });
  }
  if (rate) {
    const p95 = rate.metrics?.latencyP95Ms ?? undefined;
    out.push({
      name: `p95 ≤ ${formatNumber(TARGETS.p95Ms)} ms and p99 ≤ ${formatNumber(TARGETS.p99Ms)} ms at ${formatNumber(LATENCY_RATE_EVENTS_PER_SECOND)} events/s`,
      met: p95 !== undefined && p95 <= TARGETS.p95Ms && (rate.metrics?.latencyP99Ms ?? Infinity) <= TARGETS.p99Ms,
      detail: `p95 ${formatNumber(p95)} ms (p50 ${formatNumber(rate.metrics?.latencyP50Ms ?? undefined)}, p99 ${formatNumber(rate.metrics?.latencyP99Ms ?? undefined)})`,
    });
  }
  if (one && naive) {
    const ratio = (one.steadyEventsPerSecond ?? 0) / (naive.steadyEventsPerSecond ?? Infinity);
    out.push({
      name: `≥ ${TARGETS.ratioToNaive}× the naive baseline`,
      met: ratio >= TARGETS.ratioToNaive,
      detail:
        `${ratio.toFixed(1)}× (${formatNumber(one.steadyEventsPerSecond)} vs ${formatNumber(naive.steadyEventsPerSecond)} events/s, with other programs taking ` +
        `${cpu(one.otherCpuPercent)} vs ${cpu(naive.otherCpuPercent)} CPU; worker CPU per event ${formatNumber(one.cpuUsPerEvent.worker)} vs ${formatNumber(naive.cpuUsPerEvent.worker)} µs)`,
    });
  }
  if (one && relay) {
    const share = ratioOf(one.endToEndEventsPerSecond, relay.endToEndEventsPerSecond);
    out.push({
      name: `≥ ${percentOf(TARGETS.shareOfRelay)} of the bare relay, end to end (1 worker)`,
      met: share >= TARGETS.shareOfRelay,
      detail: `${percentOf(share)} (${formatNumber(one.endToEndEventsPerSecond)} vs ${formatNumber(relay.endToEndEventsPerSecond)} events/s; CPU per event app + worker ${formatNumber((one.cpuUsPerEvent.app ?? 0) + (one.cpuUsPerEvent.worker ?? 0))} vs relay ${formatNumber(relay.cpuUsPerEvent.relay)} µs)`,
    });
  }
  return out;
}
