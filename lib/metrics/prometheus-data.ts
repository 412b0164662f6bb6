/** Everything the Prometheus endpoint exposes, read from Postgres and Redis in one go. */
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { listLiveWorkers } from '@/lib/health/heartbeat';
import { loadLifetimeLatency, loadLifetimeTotals } from '@/lib/metrics/lifetime';
import type { PrometheusInput } from '@/lib/metrics/prometheus';
import { loadBacklog } from '@/lib/queue/backlog';
import { producerConnection } from '@/lib/queue/queues';
import { syncStateOf } from '@/lib/syncs/sync-state';
import { loadHealthGauges } from '@/lib/health-states/prometheus';

export async function collectPrometheusInput(now = new Date()): Promise<PrometheusInput> {
  const syncs = await prisma().sync.findMany({ select: { id: true, name: true, status: true, pausedReason: true }, orderBy: { createdAt: 'asc' } });
  const ids = syncs.map((s) => s.id);
  const [lifetime, latency, backlog, workers] = await Promise.all([
    loadLifetimeTotals(ids),
    loadLifetimeLatency(ids),
    loadBacklog(),
    listLiveWorkers(producerConnection(), env().QUEUE_PREFIX),
  ]);
  return {
    syncs: syncs.map((s) => ({
      id: s.id,
      name: s.name,
      state: syncStateOf(s),
      lifetime: lifetime.get(s.id)!,
      latency: latency.get(s.id)!,
      backlogObjects: backlog.bySync.get(s.id)?.objects ?? 0,
    })),
    queues: { ingest: backlog.ingest, deliver: backlog.deliver },
    liveWorkers: workers.length,
    now: now.getTime(),
    health: await loadHealthGauges(),
  };
}
