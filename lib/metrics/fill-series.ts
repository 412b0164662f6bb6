/**
 * Rows exist only for buckets in which something happened; a chart needs every bucket of the
 * range, so quiet minutes and hours show as zero instead of being bridged by a line.
 */
import { emptyTotals, type SeriesPoint, type SyncSeries } from '@/lib/metrics/queries';

function emptyPoint(at: number): SeriesPoint {
  return { at: new Date(at).toISOString(), ...emptyTotals(), latencyP50Ms: null, latencyP95Ms: null, latencyP99Ms: null };
}

/** Every bucket of [from, to) in order, with the stored point where there is one. */
export function fillSeriesGaps(series: SyncSeries): SyncSeries {
  const stepMs = series.resolution === 'minute' ? 60_000 : 3_600_000;
  const from = Date.parse(series.from);
  const to = Date.parse(series.to);
  const byTime = new Map(series.points.map((p) => [Date.parse(p.at), p]));
  const points: SeriesPoint[] = [];
  for (let at = Math.ceil(from / stepMs) * stepMs; at < to; at += stepMs) points.push(byTime.get(at) ?? emptyPoint(at));
  return { ...series, points };
}
