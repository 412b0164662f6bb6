/**
 * The Prometheus exposition of the delivery metrics, built in a fresh prom-client Registry per
 * scrape from what Postgres and Redis hold (the app process counts nothing itself, so every app
 * process answers the same and a restart loses nothing). Counters are lifetime totals per sync;
 * latency is a lifetime histogram per sync (ingestion to Braze acceptance) whose buckets every
 * worker adds to in Postgres; queue depths and workers are gauges. Per-sync series carry only
 * `sync_id`, so renaming a sync never breaks a series; `braze_sync_info` maps ids to names.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import { COUNTER_DESCRIPTIONS } from '@/lib/metrics/counter-descriptions';
import { COUNTER_COLUMNS, COUNTER_NAMES } from '@/lib/metrics/counters';
import { LATENCY_BOUNDS_MS } from '@/lib/metrics/latency';
import type { LifetimeLatency } from '@/lib/metrics/lifetime';
import { CountedHistogram } from '@/lib/metrics/prometheus-histogram';
import type { Totals } from '@/lib/metrics/queries';
import type { QueueDepth } from '@/lib/queue/backlog';
import type { SyncState } from '@/lib/syncs/sync-state';
import { addSyncHealthMetrics, type SyncHealthGauge } from '@/lib/health-states/prometheus';

const PREFIX = 'braze_streaming_';
const SYNC_LABELS = ['sync_id'] as const;
const STATES: SyncState[] = ['enabled', 'disabled', 'paused', 'dry_run'];
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const LATENCY_BOUNDS_SECONDS = LATENCY_BOUNDS_MS.map((ms) => ms / 1000);

export interface PrometheusSync {
  id: string;
  name: string;
  state: SyncState;
  lifetime: Totals;
  latency: LifetimeLatency;
  /** Objects queued for delivery (a lower bound when the backlog is long). */
  backlogObjects: number;
}

export interface PrometheusInput {
  syncs: PrometheusSync[];
  queues: { ingest: QueueDepth; deliver: QueueDepth };
  liveWorkers: number;
  now: number;
  health: SyncHealthGauge[];
}

export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

function addSyncMetrics(registry: Registry, syncs: PrometheusSync[]): void {
  const info = new Gauge({ name: 'braze_sync_info', help: 'Each sync by id, with its name as a label (always 1): join on sync_id to show names.', labelNames: ['sync_id', 'sync_name'], registers: [registry] });
  for (const name of COUNTER_NAMES) {
    const counter = new Counter({ name: `${PREFIX}${COUNTER_COLUMNS[name]}_total`, help: COUNTER_DESCRIPTIONS[name], labelNames: SYNC_LABELS, registers: [registry] });
    for (const s of syncs) counter.inc({ sync_id: s.id }, s.lifetime[name]);
  }
  const state = new Gauge({ name: `${PREFIX}sync_state`, help: 'The state of each sync: 1 for the current one (paused = stopped by the system after Braze refused its credentials).', labelNames: [...SYNC_LABELS, 'state'], registers: [registry] });
  const latency = new CountedHistogram({
    name: `${PREFIX}delivery_latency_seconds`,
    help: 'Time from ingestion to Braze acceptance of each delivered object, in seconds.',
    upperBounds: LATENCY_BOUNDS_SECONDS,
    registry,
  });
  const backlog = new Gauge({ name: `${PREFIX}sync_backlog_objects`, help: 'Objects queued for delivery to Braze (counted in the oldest jobs only when the queue is long).', labelNames: SYNC_LABELS, registers: [registry] });
  for (const s of syncs) {
    info.set({ sync_id: s.id, sync_name: s.name }, 1);
    for (const st of STATES) state.set({ sync_id: s.id, state: st }, s.state === st ? 1 : 0);
    backlog.set({ sync_id: s.id }, s.backlogObjects);
    latency.setSeries({ syncId: s.id, counts: s.latency.buckets, sum: s.latency.sumMs / 1000 });
  }
}

function addPipelineMetrics(registry: Registry, input: PrometheusInput): void {
  const jobs = new Gauge({ name: `${PREFIX}queue_jobs`, help: 'Jobs in the ingest and deliver queues, by state (delayed = waiting for a retry or a Braze rate-limit reset).', labelNames: ['queue', 'state'], registers: [registry] });
  const age = new Gauge({ name: `${PREFIX}queue_oldest_job_age_seconds`, help: 'Age of the oldest job still to be done in each queue (0 when empty).', labelNames: ['queue'], registers: [registry] });
  for (const [queue, depth] of Object.entries(input.queues)) {
    for (const st of QUEUE_STATES) jobs.set({ queue, state: st }, depth[st]);
    age.set({ queue }, depth.oldestAt === null ? 0 : Math.max(0, (input.now - depth.oldestAt) / 1000));
  }
  const workers = new Gauge({ name: `${PREFIX}workers_live`, help: 'Workers that reported in the last 15 seconds.', registers: [registry] });
  workers.set(input.liveWorkers);
}

export async function renderPrometheus(input: PrometheusInput): Promise<string> {
  const registry = new Registry();
  addSyncMetrics(registry, input.syncs);
  addPipelineMetrics(registry, input);
  addSyncHealthMetrics(registry, input.health);
  return registry.metrics();
}
