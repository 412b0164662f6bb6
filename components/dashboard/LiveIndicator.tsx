import { formatMoment } from '@/components/dashboard/format';

/** "Live · updated 14:05:09": the page refreshes itself; says when it last did, and when it cannot. */
export function LiveIndicator({ updatedAt, failing }: { updatedAt: number; failing: boolean }) {
  return (
    <p className="flex items-center gap-2 text-xs text-slate-500" aria-live="off">
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${failing ? 'bg-amber-500' : 'animate-pulse bg-emerald-500'}`} />
      {failing ? 'Not refreshing (retrying)' : 'Live'} · updated {updatedAt > 0 ? formatMoment(updatedAt) : '—'}
    </p>
  );
}
