import { StatCard } from '@/components/dashboard/StatCard';
import { formatCount, formatShare, formatSpan } from '@/components/dry-run/figures';
import type { DryRunEstimate } from '@/lib/client/use-dry-run-estimate';

/**
 * The estimate's headline: per hour at the pace seen, the data points a day and a month would
 * cost, and the requests' share of the workspace's rate limit. Shown on the page and again in
 * the dialog that enables the sync.
 */
export function EstimateFigures({ estimate, compact = false }: { estimate: DryRunEstimate; compact?: boolean }) {
  const { perHour, perDay, perMonth, rateLimit } = estimate;
  // In the dialog the figures speak for themselves: no tooltips to take the focus from its buttons.
  const meaning = (text: string) => (compact ? undefined : text);
  return (
    <div className={`grid gap-3 ${compact ? 'grid-cols-2' : 'grid-cols-2 lg:grid-cols-4'}`}>
      <StatCard compact={compact} label="Events per hour" value={formatCount(perHour.events)} meaning={meaning('Custom events Braze would receive.')} />
      <StatCard
        compact={compact}
        label="Attribute updates per hour"
        value={formatCount(perHour.attributeUpdates)}
        detail={`${formatCount(perHour.dataPointsSaved)} unchanged values left out`}
        meaning={meaning('User updates left after de-duplication: an attribute whose value the sync already sent is not sent again.')}
      />
      <StatCard
        compact={compact}
        label="Data points"
        value={`${formatCount(perHour.dataPoints)} / hour`}
        detail={`${formatCount(perDay.dataPoints)} a day · ${formatCount(perMonth.dataPoints)} a month`}
        meaning={meaning('Braze bills one data point per custom event and per attribute written (on data point contracts).')}
      />
      <StatCard
        compact={compact}
        label="Requests per hour"
        value={formatCount(perHour.requests)}
        detail={`${formatShare(estimate.rateLimitShare)} of the rate limit`}
        meaning={meaning(`/users/track requests, as delivery packs them, against Braze's default limit of ${formatCount(rateLimit.requests)} requests per ${rateLimit.perSeconds} seconds per workspace.`)}
      />
      {!compact && (
        <p className="col-span-full text-xs text-slate-500">
          {estimate.since
            ? `Projected from the pace seen over the last ${formatSpan(estimate.observedMs)} (since ${new Date(estimate.since).toLocaleString()}): ${formatCount(estimate.totals.events)} events and ${formatCount(estimate.totals.attributeUpdates)} attribute updates measured.`
            : 'Nothing measured yet: the figures appear once events arrive.'}
        </p>
      )}
    </div>
  );
}
