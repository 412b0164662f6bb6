'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_COLORS } from '@/components/dashboard/chart-colors';
import { formatBucket, formatLatency, formatTick } from '@/components/dashboard/format';
import type { SeriesPoint } from '@/lib/client/dashboard-types';

const LINES = [
  { key: 'latencyP50Ms', name: 'p50' },
  { key: 'latencyP95Ms', name: 'p95' },
  { key: 'latencyP99Ms', name: 'p99' },
] as const;

/** Ingestion → Braze acceptance percentiles per bucket; buckets with no delivery leave a gap. */
export function LatencyChart({ points, rangeMs }: { points: SeriesPoint[]; rangeMs: number }) {
  if (points.every((p) => p.latencyP50Ms === null)) {
    return (
      <div className="flex h-[220px] items-center justify-center rounded-lg border border-dashed border-slate-200 px-6 text-center text-sm text-slate-500">
        Nothing was delivered in this range, so there is no latency to show.
      </div>
    );
  }
  return (
    <LineChart data={points} responsive style={{ width: '100%', height: 220 }} syncId="sync-metrics" margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
      <XAxis dataKey="at" tickFormatter={(v: string) => formatTick(v, rangeMs)} minTickGap={40} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} />
      <YAxis tickFormatter={(v: number) => formatLatency(v)} width={64} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} />
      <Tooltip labelFormatter={(label) => formatBucket(String(label))} formatter={(value) => formatLatency(value === null || value === undefined ? null : Number(value))} isAnimationActive={false} />
      <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
      {LINES.map((l) => (
        <Line
          key={l.key}
          dataKey={l.key}
          name={l.name}
          stroke={CHART_COLORS[l.key]}
          strokeWidth={l.key === 'latencyP95Ms' ? 2 : 1.5}
          // Filled dots, so a bucket between gaps still shows, and p95 and p99 at one value read as one dot rather than two rings.
          dot={points.length <= 60 ? { r: 2.5, fill: CHART_COLORS[l.key], strokeWidth: 0 } : false}
          isAnimationActive={false}
          connectNulls={false}
        />
      ))}
    </LineChart>
  );
}
