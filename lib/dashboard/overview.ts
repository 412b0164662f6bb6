/**
 * The dashboard's overview: every sync with its state, what reached Braze and what did not in the
 * last hour and day, and what still waits; plus the pipeline itself (queues, live workers).
 */
import { env } from '@/lib/env';
import { listLiveWorkers } from '@/lib/health/heartbeat';
import { loadProjectTotals, unresolvedFailuresOf, type SummaryTotals } from '@/lib/metrics/queries';
import { loadBacklog, type QueueDepth } from '@/lib/queue/backlog';
import { producerConnection } from '@/lib/queue/queues';
import { listSyncs } from '@/lib/syncs/repository';
import { syncStateOf, type SyncState } from '@/lib/syncs/sync-state';

const HOUR = 3_600_000;

export interface WindowTotals {
  delivered: number;
  /** Not delivered and expired: what Braze never accepted. */
  failed: number;
  skipped: number;
  filtered: number;
  deliveryRate: number | null;
  latencyP95Ms: number | null;
}

export interface OverviewSync {
  id: string;
  name: string;
  state: SyncState;
  pausedReason: string | null;
  pausedAt: string | null;
  lastHour: WindowTotals;
  lastDay: WindowTotals;
  backlog: { objects: number; oldestAt: string | null };
}

export interface Overview {
  generatedAt: string;
  syncs: OverviewSync[];
  pipeline: {
    ingest: QueueDepth;
    deliver: QueueDepth;
    /** False when the per-sync backlog counts only the oldest jobs (a long backlog). */
    backlogComplete: boolean;
    liveWorkers: number;
  };
}

function windowOf(t: SummaryTotals | undefined): WindowTotals {
  if (!t) return { delivered: 0, failed: 0, skipped: 0, filtered: 0, deliveryRate: null, latencyP95Ms: null };
  return {
    delivered: t.delivered,
    failed: unresolvedFailuresOf(t),
    skipped: t.skipped,
    filtered: t.filtered,
    deliveryRate: t.deliveryRate,
    latencyP95Ms: t.latencyP95Ms,
  };
}

export async function loadOverview(projectId: string, now = new Date()): Promise<Overview> {
  const [syncs, hour, day, backlog, workers] = await Promise.all([
    listSyncs(projectId),
    loadProjectTotals(projectId, HOUR, now),
    loadProjectTotals(projectId, 24 * HOUR, now),
    loadBacklog(),
    listLiveWorkers(producerConnection(), env().QUEUE_PREFIX),
  ]);
  return {
    generatedAt: now.toISOString(),
    syncs: syncs.map((s) => {
      const waiting = backlog.bySync.get(s.id);
      return {
        id: s.id,
        name: s.name,
        state: syncStateOf(s),
        pausedReason: s.pausedReason,
        pausedAt: s.pausedAt?.toISOString() ?? null,
        lastHour: windowOf(hour.get(s.id)),
        lastDay: windowOf(day.get(s.id)),
        backlog: { objects: waiting?.objects ?? 0, oldestAt: waiting?.oldestAt ? new Date(waiting.oldestAt).toISOString() : null },
      };
    }),
    pipeline: { ingest: backlog.ingest, deliver: backlog.deliver, backlogComplete: backlog.complete, liveWorkers: workers.length },
  };
}
