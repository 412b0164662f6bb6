import { FIGURE_MEANINGS } from '@/components/dashboard/figure-meanings';
import { InfoTip } from '@/components/dashboard/InfoTip';
import { OverviewRow } from '@/components/dashboard/OverviewRow';
import type { Overview } from '@/lib/client/dashboard-types';

const head = 'px-3 py-2 text-right font-medium';

/** A column heading with its meaning as a tooltip; the tooltip is not part of the heading's name. */
function Heading({ label, meaning, className = head }: { label: string; meaning: string; className?: string }) {
  return (
    <th scope="col" className={className}>
      {label}
      <InfoTip label={label} text={meaning} />
    </th>
  );
}

/** Every sync: state, the objects that reached Braze and that failed (last hour, last 24 hours), what waits. */
export function OverviewTable({ overview, now }: { overview: Overview; now: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Delivery of every Braze sync</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <td colSpan={2} />
            <th scope="colgroup" colSpan={2} className="px-3 pt-2 text-center font-semibold text-slate-700">
              Last hour
            </th>
            <th scope="colgroup" colSpan={4} className="border-l border-slate-100 px-3 pt-2 text-center font-semibold text-slate-700">
              Last 24 hours
            </th>
            <td className="border-l border-slate-100" />
          </tr>
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">Sync</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">Status</th>
            <Heading label="Delivered" meaning={FIGURE_MEANINGS.delivered} />
            <Heading label="Failed" meaning={FIGURE_MEANINGS.failed} />
            <Heading label="Delivered" meaning={FIGURE_MEANINGS.delivered} className={`${head} border-l border-slate-100`} />
            <Heading label="Failed" meaning={FIGURE_MEANINGS.failed} />
            <Heading label="Delivery rate" meaning={FIGURE_MEANINGS.deliveryRate} />
            <Heading label="p95 latency" meaning={FIGURE_MEANINGS.latency} />
            <Heading label="Backlog" meaning={FIGURE_MEANINGS.backlog} className={`${head} border-l border-slate-100`} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {overview.syncs.map((sync) => (
            <OverviewRow key={sync.id} sync={sync} now={now} />
          ))}
        </tbody>
      </table>
      {!overview.pipeline.backlogComplete && (
        <p className="px-3 py-2 text-xs text-slate-500">The backlog is long: per-sync figures count its oldest jobs only.</p>
      )}
    </div>
  );
}
