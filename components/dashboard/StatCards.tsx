import Link from 'next/link';
import { FIGURE_MEANINGS } from '@/components/dashboard/figure-meanings';
import { formatCount, formatLatency, formatRate } from '@/components/dashboard/format';
import { StatCard } from '@/components/dashboard/StatCard';
import type { SyncMetrics } from '@/lib/client/dashboard-types';
import { unresolvedFailuresOf } from '@/lib/metrics/delivery-rate';

/** How the range's failures came about, without a second "failed" figure. */
function failedDetail(t: SyncMetrics['totals']): string {
  const resolved = t.recovered + t.superseded;
  const parts = [`${formatCount(t.notDelivered)} refused or not sendable`, `${formatCount(t.expired)} expired`];
  return resolved > 0 ? `${parts.join(', ')}; ${formatCount(resolved)} of them since resolved by replay` : parts.join(', ');
}

/**
 * The range's totals, in Braze objects (events and user updates): Amplitude's delivery metrics
 * first, then what they leave unsaid. "Failed" is the one definition the overview and the
 * delivery rate use too.
 */
export function StatCards({ totals, syncId }: { totals: SyncMetrics['totals']; syncId: string }) {
  const failed = unresolvedFailuresOf(totals);
  const rateTone = totals.deliveryRate === null ? 'normal' : totals.deliveryRate >= 0.99 ? 'good' : totals.deliveryRate >= 0.9 ? 'warn' : 'bad';
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard
          label="Delivered"
          value={formatCount(totals.delivered)}
          meaning={FIGURE_MEANINGS.delivered}
          detail={
            `${formatCount(totals.deliveredFirstAttempt)} on the first attempt · ${formatCount(totals.deliveredAfterRetry)} after retry` +
            (totals.recovered > 0 ? ` · ${formatCount(totals.recovered)} by replay` : '')
          }
        />
        <StatCard label="Failed" value={formatCount(failed)} tone={failed > 0 ? 'bad' : 'normal'} meaning={FIGURE_MEANINGS.failed} detail={failedDetail(totals)} />
        <StatCard
          label="Delivery rate"
          value={formatRate(totals.deliveryRate)}
          tone={rateTone}
          meaning={FIGURE_MEANINGS.deliveryRate}
          detail={totals.delivered + failed === 0 ? 'Nothing sent in this range' : `${formatCount(failed)} failed of ${formatCount(totals.delivered + failed)} objects`}
        />
        <StatCard
          label="p95 latency"
          value={formatLatency(totals.latencyP95Ms)}
          meaning={FIGURE_MEANINGS.latency}
          detail={
            totals.latencyP95Ms === null
              ? 'Nothing delivered in this range'
              : `p50 ${formatLatency(totals.latencyP50Ms)} · p99 ${formatLatency(totals.latencyP99Ms)}, ingestion to Braze`
          }
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <StatCard
          compact
          label="Skipped (no user ID)"
          value={formatCount(totals.skipped)}
          tone={totals.skipped > 0 ? 'warn' : 'normal'}
          meaning={FIGURE_MEANINGS.skipped}
          detail={
            <Link href={`/syncs/${syncId}#event-forwarding-title`} className="font-medium text-brand-700 underline hover:text-brand-600">
              Filter anonymous events
            </Link>
          }
        />
        <StatCard compact label="Filtered out" value={formatCount(totals.filtered)} meaning={FIGURE_MEANINGS.filtered} detail="Not selected by the sync's event filters" />
        <StatCard compact label="Retried" value={formatCount(totals.retried)} meaning={FIGURE_MEANINGS.retried} detail="Objects that met 429, 5xx or a timeout" />
        <StatCard
          compact
          label="Rate limited (429)"
          value={formatCount(totals.rateLimited)}
          tone={totals.rateLimited > 0 ? 'warn' : 'normal'}
          meaning={FIGURE_MEANINGS.rateLimited}
          detail={`of ${formatCount(totals.requests)} ${totals.requests === 1 ? 'request' : 'requests'}`}
        />
        <StatCard compact label="Requests to Braze" value={formatCount(totals.requests)} meaning={FIGURE_MEANINGS.requests} detail="/users/track" />
        <StatCard
          compact
          label="Data points sent"
          value={formatCount(totals.dataPointsSent)}
          meaning={FIGURE_MEANINGS.dataPointsSent}
          detail={`${formatCount(totals.dataPointsSaved)} saved by de-duplication`}
        />
      </div>
      {totals.possibleDuplicates > 0 && (
        <p className="text-xs text-amber-800">
          {formatCount(totals.possibleDuplicates)} objects were sent again after an attempt whose outcome was unknown (a timeout or 5xx): Braze may hold them twice.
        </p>
      )}
    </div>
  );
}
