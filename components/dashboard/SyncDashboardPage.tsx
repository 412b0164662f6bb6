'use client';

import Link from 'next/link';
import { useState } from 'react';
import { FailuresPanel } from '@/components/dashboard/FailuresPanel';
import { SyncGuardStatus } from '@/components/sync-setup/GuardNotices';
import { IdentifiedAliases } from '@/components/dashboard/IdentifiedAliases';
import { LazyMetricsCharts } from '@/components/dashboard/LazyMetricsCharts';
import { StatCards } from '@/components/dashboard/StatCards';
import { DeletionsForwarded } from '@/components/dashboard/DeletionsForwarded';
import { SyncDashboardHeader } from '@/components/dashboard/SyncDashboardHeader';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import { ApiError } from '@/lib/client/api-fetch';
import type { SyncState } from '@/lib/client/dashboard-types';
import type { SyncView } from '@/lib/client/types';
import { useSync } from '@/lib/client/use-sync';
import { useSyncMetrics } from '@/lib/client/use-sync-metrics';
import { COUNTER_NAMES } from '@/lib/metrics/counters';
import { TIME_RANGES, type TimeRange } from '@/lib/metrics/time-range';

const stateOf = (sync: SyncView): SyncState => {
  if (sync.dryRun) return 'dry_run';
  return !sync.enabled ? 'disabled' : sync.pausedReason ? 'paused' : 'enabled';
};

// The paused reason itself is shown above the page, in full.
function replayBlockedReason(state: SyncState): string | null {
  if (state === 'paused') return 'This sync is paused because Braze refused its credentials: fix them in the sync settings and save it, then replay.';
  if (state === 'disabled') return 'This sync is disabled: enable it, then replay.';
  if (state === 'dry_run') return 'This sync is a dry run and sends nothing: enable it, then replay.';
  return null;
}

/** One sync: totals and charts of the chosen range, its failures, the delivery log, replay. */
export function SyncDashboardPage({ syncId, initialRange }: { syncId: string; initialRange: TimeRange }) {
  const [range, setRange] = useState(initialRange);
  const sync = useSync(syncId);
  const metrics = useSyncMetrics(syncId, range);
  const changeRange = (next: TimeRange) => {
    setRange(next);
    // Reload and share keep the range; no navigation, so nothing re-mounts.
    window.history.replaceState(null, '', `?range=${next}`);
  };

  if (sync.error instanceof ApiError && sync.error.status === 404) {
    return (
      <EmptyState title="This sync does not exist" action={<Link href="/dashboard" className="text-sm font-medium text-brand-700 underline">Back to Delivery</Link>}>
        It may have been deleted.
      </EmptyState>
    );
  }
  if (sync.isError && !sync.data) return <ErrorState message={sync.error.message} onRetry={() => void sync.refetch()} />;
  if (!sync.data) return <LoadingState label="Loading the sync…" />;
  const state = stateOf(sync.data);
  const data = metrics.data;
  const quiet = data && COUNTER_NAMES.every((n) => data.totals[n] === 0);

  return (
    <div className="space-y-6">
      <SyncDashboardHeader sync={sync.data} state={state} range={range} onRange={changeRange} updatedAt={metrics.dataUpdatedAt} failing={metrics.isRefetchError} />
      <SyncGuardStatus sync={sync.data} />
      {metrics.isPending && <LoadingState label="Loading delivery metrics…" />}
      {metrics.isError && !data && <ErrorState title="Could not load delivery metrics" message={metrics.error.message} onRetry={() => void metrics.refetch()} />}
      {data && (
        // Dimmed, not blanked, while another range loads.
        <div className={`space-y-6 transition-opacity ${metrics.isPlaceholderData ? 'opacity-60' : ''}`} aria-busy={metrics.isPlaceholderData}>
          <StatCards totals={data.totals} syncId={syncId} />
          <IdentifiedAliases sync={sync.data} totals={data.totals} />
          {quiet ? (
            <EmptyState title={`Nothing happened (${TIME_RANGES[range].label.toLowerCase()})`}>
              No event reached this sync in this range. Events appear here within seconds of being sent; pick a longer range to see older ones.
            </EmptyState>
          ) : (
            <LazyMetricsCharts metrics={data} />
          )}
        </div>
      )}
      <DeletionsForwarded syncId={syncId} />
      <FailuresPanel syncId={syncId} range={range} replayBlocked={replayBlockedReason(state)} />
    </div>
  );
}
