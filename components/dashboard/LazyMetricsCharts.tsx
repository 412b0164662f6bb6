'use client';

import dynamic from 'next/dynamic';

/** Placeholders the size of the charts, so nothing jumps when they arrive. */
function ChartsPlaceholder() {
  return (
    <div className="grid gap-4 lg:grid-cols-2" aria-hidden="true">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-[286px] animate-pulse rounded-xl border border-slate-200 bg-white" />
      ))}
    </div>
  );
}

/**
 * The charts load as their own chunk (the chart library is most of the page's JavaScript), so
 * the sync's name, state and totals show before it has arrived.
 */
export const LazyMetricsCharts = dynamic(() => import('@/components/dashboard/MetricsCharts').then((m) => m.MetricsCharts), {
  ssr: false,
  loading: ChartsPlaceholder,
});
