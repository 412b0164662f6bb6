'use client';

import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_COLORS, type ChartKey } from '@/components/dashboard/chart-colors';
import { formatBucket, formatCompact, formatCount, formatTick } from '@/components/dashboard/format';
import type { SeriesPoint } from '@/lib/client/dashboard-types';

/** Past this many buckets a bar would be thinner than a pixel: areas instead. */
const MAX_BARS = 200;

interface CountsChartProps {
  points: SeriesPoint[];
  series: { key: ChartKey & keyof SeriesPoint; name: string }[];
  rangeMs: number;
  stacked?: boolean;
}

/**
 * Counts per bucket (minute or hour). No animation: the page refreshes every few seconds, and a
 * chart that re-animates on each refresh flickers.
 */
export function CountsChart({ points, series, rangeMs, stacked = false }: CountsChartProps) {
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
      <XAxis dataKey="at" tickFormatter={(v: string) => formatTick(v, rangeMs)} minTickGap={40} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} />
      <YAxis allowDecimals={false} tickFormatter={formatCompact} width={44} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} />
      <Tooltip labelFormatter={(label) => formatBucket(String(label))} formatter={(value) => formatCount(Number(value))} isAnimationActive={false} />
      <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
    </>
  );
  const style = { width: '100%', height: 220 };
  if (points.length <= MAX_BARS) {
    return (
      <BarChart data={points} responsive style={style} syncId="sync-metrics" margin={{ top: 4, right: 8, bottom: 0, left: 0 }} barCategoryGap="12%" barGap={0}>
        {axes}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={CHART_COLORS[s.key]} stackId={stacked ? 'counts' : undefined} isAnimationActive={false} maxBarSize={24} />
        ))}
      </BarChart>
    );
  }
  return (
    <AreaChart data={points} responsive style={style} syncId="sync-metrics" margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
      {axes}
      {series.map((s) => (
        <Area key={s.key} dataKey={s.key} name={s.name} type="monotone" stroke={CHART_COLORS[s.key]} fill={CHART_COLORS[s.key]} fillOpacity={0.25} stackId={stacked ? 'counts' : undefined} isAnimationActive={false} dot={false} />
      ))}
    </AreaChart>
  );
}
