import Link from 'next/link';
import { formatAge, formatCount, formatLatency, formatRate } from '@/components/dashboard/format';
import { SyncStateBadge } from '@/components/dashboard/SyncStateBadge';
import type { OverviewSync } from '@/lib/client/dashboard-types';

const num = 'px-3 py-3 text-right tabular-nums';

function Failed({ n }: { n: number }) {
  return <span className={n > 0 ? 'font-semibold text-red-700' : 'text-slate-500'}>{formatCount(n)}</span>;
}

export function OverviewRow({ sync, now }: { sync: OverviewSync; now: number }) {
  const { lastHour, lastDay, backlog } = sync;
  return (
    <tr className="align-top">
      <th scope="row" className="px-3 py-3 text-left font-normal">
        <Link href={`/dashboard/syncs/${sync.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
          {sync.name}
        </Link>
      </th>
      <td className="px-3 py-3">
        <SyncStateBadge state={sync.state} />
        {sync.pausedReason && <p className="mt-1 max-w-56 text-xs text-amber-800">{sync.pausedReason}</p>}
      </td>
      <td className={num}>{formatCount(lastHour.delivered)}</td>
      <td className={num}>
        <Failed n={lastHour.failed} />
      </td>
      <td className={`${num} border-l border-slate-100`}>{formatCount(lastDay.delivered)}</td>
      <td className={num}>
        <Failed n={lastDay.failed} />
      </td>
      <td className={num}>{formatRate(lastDay.deliveryRate)}</td>
      <td className={num}>{formatLatency(lastDay.latencyP95Ms)}</td>
      <td className={`${num} border-l border-slate-100`}>
        {backlog.objects === 0 ? <span className="text-slate-500">0</span> : formatCount(backlog.objects)}
        {backlog.oldestAt && <p className="text-xs text-slate-500">oldest {formatAge(backlog.oldestAt, now)}</p>}
      </td>
    </tr>
  );
}
