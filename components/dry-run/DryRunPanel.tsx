'use client';

import { JsonBlock } from '@/components/dashboard/JsonBlock';
import { EstimateFigures } from '@/components/dry-run/EstimateFigures';
import { formatBytes, formatCount, formatShare } from '@/components/dry-run/figures';
import { SectionCard } from '@/components/ui/SectionCard';
import { ErrorState, LoadingState } from '@/components/ui/States';
import { useDryRunEstimate, type DryRunEstimate } from '@/lib/client/use-dry-run-estimate';

/** A dry-run sync's page section: what it would have sent, per hour and projected, and sample requests. */
export function DryRunPanel({ syncId }: { syncId: string }) {
  const estimate = useDryRunEstimate(syncId);
  return (
    <SectionCard
      id="dry-run-estimate"
      title="Dry run estimate"
      description="This sync runs on live traffic with all its settings and sends nothing to Braze. Here is what it would have sent."
    >
      {estimate.error && <ErrorState message={estimate.error.message} onRetry={() => void estimate.refetch()} />}
      {!estimate.data && !estimate.error && <LoadingState label="Loading the estimate…" />}
      {estimate.data && (
        <>
          <EstimateFigures estimate={estimate.data} />
          <HourTable hours={estimate.data.hours} />
          <Samples samples={estimate.data.samples} />
        </>
      )}
    </SectionCard>
  );
}

function HourTable({ hours }: { hours: DryRunEstimate['hours'] }) {
  if (hours.length === 0) return null;
  const cell = 'px-3 py-2 text-right tabular-nums';
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" aria-label="Measured hours">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="px-3 py-2 text-left font-medium">Hour</th>
            <th className={`${cell} font-medium`}>Events</th>
            <th className={`${cell} font-medium`}>Attribute updates</th>
            <th className={`${cell} font-medium`}>Data points</th>
            <th className={`${cell} font-medium`}>Left out by de-dup</th>
            <th className={`${cell} font-medium`}>Requests</th>
            <th className={`${cell} font-medium`}>Rate limit</th>
            <th className={`${cell} font-medium`}>Filtered · no user ID · invalid</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {hours.map((h) => (
            <tr key={h.hour}>
              <td className="whitespace-nowrap px-3 py-2 text-slate-700">{new Date(h.hour).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' })}</td>
              <td className={cell}>{formatCount(h.events)}</td>
              <td className={cell}>{formatCount(h.attributeUpdates)}</td>
              <td className={cell}>{formatCount(h.dataPoints)}</td>
              <td className={cell}>{formatCount(h.dataPointsSaved)}</td>
              <td className={cell}>
                {formatCount(h.requests)} <span className="text-xs text-slate-500">({formatBytes(h.bytes)})</span>
              </td>
              <td className={cell}>{formatShare(h.rateLimitShare)}</td>
              <td className={`${cell} text-slate-500`}>
                {formatCount(h.filtered)} · {formatCount(h.skipped)} · {formatCount(h.invalid)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Samples({ samples }: { samples: DryRunEstimate['samples'] }) {
  if (samples.length === 0) return null;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-900">Sample requests</h3>
      <p className="text-xs text-slate-500">
        {samples.length === 1 ? 'The latest' : `The latest ${samples.length}`} <code>/users/track</code> {samples.length === 1 ? 'body' : 'bodies'} this sync would have sent, exactly as
        delivery builds them (taken at most once a second; the REST API key is never part of a body).
      </p>
      {samples.map((s, i) => (
        <details key={`${s.at}-${i}`} open={i === 0} className="rounded-lg border border-slate-200">
          <summary className="cursor-pointer px-3 py-2 text-sm text-slate-700">
            {new Date(s.at).toLocaleTimeString()} · {formatCount(s.objects)} objects · {formatBytes(s.bytes)}
            {s.objectsShown < s.objects && ` · first ${formatCount(s.objectsShown)} shown`}
          </summary>
          <div className="px-3 pb-3">
            <JsonBlock value={s.body} label={`Sample request ${i + 1}`} />
          </div>
        </details>
      ))}
    </div>
  );
}
