/**
 * The dashboard's time ranges. A range always ends now and covers whole buckets of its
 * resolution (minutes up to 6 hours, hours beyond, as `loadSyncSeries` reads them), the current
 * bucket included: "last hour" is 60 minute buckets, "last 90 days" 2,160 hour buckets.
 */
import { z } from 'zod';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Ranges up to this long are read at minute resolution (minute rows are kept at least 6 hours). */
export const MINUTE_RESOLUTION_MAX_MS = 6 * HOUR;

export const TIME_RANGES = {
  '1h': { label: 'Last hour', ms: HOUR },
  '6h': { label: 'Last 6 hours', ms: 6 * HOUR },
  '24h': { label: 'Last 24 hours', ms: DAY },
  '7d': { label: 'Last 7 days', ms: 7 * DAY },
  '30d': { label: 'Last 30 days', ms: 30 * DAY },
  '90d': { label: 'Last 90 days', ms: 90 * DAY },
} as const;

export type TimeRange = keyof typeof TIME_RANGES;
export const TIME_RANGE_IDS = Object.keys(TIME_RANGES) as TimeRange[];
export const DEFAULT_TIME_RANGE: TimeRange = '24h';

export const timeRangeSchema = z.enum(TIME_RANGE_IDS as [TimeRange, ...TimeRange[]]);

export interface ResolvedRange {
  from: Date;
  to: Date;
  /** Length of one bucket: a minute or an hour. */
  stepMs: number;
}

export function stepOf(rangeMs: number): number {
  return rangeMs <= MINUTE_RESOLUTION_MAX_MS ? MINUTE : HOUR;
}

/** The last `rangeMs` as whole buckets, ending with the end of the bucket that holds `now`. */
export function resolveWindow(rangeMs: number, now: Date): ResolvedRange {
  const stepMs = stepOf(rangeMs);
  const end = Math.floor(now.getTime() / stepMs) * stepMs + stepMs;
  return { from: new Date(end - rangeMs), to: new Date(end), stepMs };
}

export function resolveRange(range: TimeRange, now: Date): ResolvedRange {
  return resolveWindow(TIME_RANGES[range].ms, now);
}
