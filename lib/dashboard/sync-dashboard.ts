/**
 * The per-sync dashboard's reads. Each first checks that the sync belongs to the project (404
 * otherwise), then reads its metrics, failures, dead letters or delivery log.
 */
import { toDeadLetterView, type DeadLetterView } from '@/lib/dead-letters/dead-letter-view';
import { loadFailureReport, type FailureReport } from '@/lib/dead-letters/failure-report';
import { searchDeadLetters, type DeadLetterSearch } from '@/lib/dead-letters/queries';
import { findDeliveryLogEntries, type DeliveryLogAnswer } from '@/lib/dashboard/delivery-log-search';
import { fillSeriesGaps } from '@/lib/metrics/fill-series';
import { loadSyncSeries, type SyncSeries } from '@/lib/metrics/queries';
import { resolveRange, type TimeRange } from '@/lib/metrics/time-range';
import { getSync } from '@/lib/syncs/repository';

export type SyncMetrics = SyncSeries & { range: TimeRange };

export async function loadSyncMetrics(projectId: string, syncId: string, range: TimeRange, now = new Date()): Promise<SyncMetrics> {
  await getSync(projectId, syncId);
  const { from, to } = resolveRange(range, now);
  return { range, ...fillSeriesGaps(await loadSyncSeries(syncId, from, to)) };
}

export async function loadSyncFailures(projectId: string, syncId: string, range: TimeRange, now = new Date()): Promise<FailureReport> {
  await getSync(projectId, syncId);
  return loadFailureReport(syncId, resolveRange(range, now).from);
}

export async function searchSyncDeadLetters(
  projectId: string,
  syncId: string,
  q: DeadLetterSearch,
): Promise<{ rows: DeadLetterView[]; nextCursor: string | null }> {
  await getSync(projectId, syncId);
  const page = await searchDeadLetters(syncId, q);
  return { rows: page.rows.map(toDeadLetterView), nextCursor: page.nextCursor };
}

export async function searchSyncDeliveryLog(
  projectId: string,
  syncId: string,
  q: Parameters<typeof findDeliveryLogEntries>[1],
): Promise<DeliveryLogAnswer> {
  await getSync(projectId, syncId);
  return findDeliveryLogEntries(syncId, q);
}
