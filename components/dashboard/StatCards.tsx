import Link from 'next/link';
import { formatCount, formatLatency, formatRate } from '@/components/dashboard/format';
import { StatCard } from '@/components/dashboard/StatCard';
import type { SyncMetrics } from '@/lib/client/dashboard-types';
import { unresolvedFailuresOf } from '@/lib/metrics/delivery-rate';

/** The range's totals: Amplitude's delivery metrics first, then what they leave unsaid. */
export function StatCards({ totals, syncId }: { totals: SyncMetrics['totals']; syncId: string }) {
  const failed = unresolvedFailuresOf(totals);
  const rateTone = totals.deliveryRate === null ? 'normal' : totals.deliveryRate >= 0.99 ? 'good' : totals.deliveryRate >= 0.9 ? 'warn' : 'bad';
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <StatCard
          label="Delivered"
          value={formatCount(totals.delivered)}
          detail={
            `${formatCount(totals.deliveredFirstAttempt)} on the first attempt · ${formatCount(totals.deliveredAfterRetry)} after retry` +
            (totals.recovered > 0 ? ` · ${formatCount(totals.recovered)} by replay` : '')
          }
        />
        <StatCard
          label="Not delivered"
          value={formatCount(totals.notDelivered)}
          tone={totals.notDelivered > totals.recovered ? 'bad' : 'normal'}
          detail={totals.recovered > 0 ? `Refused by Braze, or not sendable · ${formatCount(totals.recovered)} since delivered by replay` : 'Refused by Braze, or not sendable'}
        />
        <StatCard label="Expired" value={formatCount(totals.expired)} tone={totals.expired > 0 ? 'bad' : 'normal'} detail="Not accepted within the retry period" />
        <StatCard
          label="Delivery rate"
          value={formatRate(totals.deliveryRate)}
          tone={rateTone}
          detail={failed > 0 ? `${formatCount(failed)} of ${formatCount(totals.delivered + failed)} failed` : 'Delivered ÷ (delivered + failed)'}
        />
        <StatCard
          label="p95 latency"
          value={formatLatency(totals.latencyP95Ms)}
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
          detail={
            <Link href={`/syncs/${syncId}#event-forwarding-title`} className="font-medium text-brand-700 underline hover:text-brand-600">
              Filter anonymous events
            </Link>
          }
        />
        <StatCard compact label="Filtered out" value={formatCount(totals.filtered)} detail="Not selected by the sync's event filters" />
        <StatCard compact label="Retried" value={formatCount(totals.retried)} detail="Attempts that met 429, 5xx or a timeout" />
        <StatCard compact label="Rate limited (429)" value={formatCount(totals.rateLimited)} tone={totals.rateLimited > 0 ? 'warn' : 'normal'} detail={`of ${formatCount(totals.requests)} ${totals.requests === 1 ? 'request' : 'requests'}`} />
        <StatCard compact label="Requests to Braze" value={formatCount(totals.requests)} detail="/users/track" />
        <StatCard compact label="Data points sent" value={formatCount(totals.dataPointsSent)} detail={`${formatCount(totals.dataPointsSaved)} saved by de-duplication`} />
      </div>
      {totals.possibleDuplicates > 0 && (
        <p className="text-xs text-amber-800">
          {formatCount(totals.possibleDuplicates)} objects were sent again after an attempt whose outcome was unknown (a timeout or 5xx): Braze may hold them twice.
        </p>
      )}
    </div>
  );
}
