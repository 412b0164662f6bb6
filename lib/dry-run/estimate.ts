/**
 * A dry run's estimate as the sync page shows it: the measured clock hours, and the pace seen
 * since the first measurement of the last day projected per hour, day and month, with the
 * requests' share of the workspace's `/users/track` rate limit. Pure: `loadDryRunEstimate`
 * reads the rows.
 */
import { COUNT_NAMES, type DryRunCounts, emptyCounts } from '@/lib/dry-run/measure';
import { type DryRunHourRow, readDryRunHours, readDryRunSamples } from '@/lib/dry-run/store';
import { getSync } from '@/lib/syncs/repository';

/**
 * Braze's default `/users/track` limit: 3,000 requests per 3 seconds per workspace (braze-api.md
 * §4.1), so 3,600,000 an hour. Contracts with other limits show them in Braze's API Usage
 * Dashboard; the share is of this default.
 */
export const TRACK_REQUESTS_PER_3_SECONDS = 3_000;
export const TRACK_REQUESTS_PER_HOUR = TRACK_REQUESTS_PER_3_SECONDS * 1_200;

/** The window the pace is read from. */
export const ESTIMATE_WINDOW_MS = 24 * 3_600_000;
/** A pace read from less than this is read as over this, so a first burst is not multiplied out of all proportion. */
export const MIN_OBSERVED_MS = 60_000;

const HOUR_MS = 3_600_000;
const DAYS_PER_MONTH = 30;

export interface HourFigures extends DryRunCounts {
  hour: string;
  /** This hour's requests as a share of the hourly rate limit (0–1). */
  rateLimitShare: number;
}

export interface DryRunEstimate {
  /** When the first measurement of the window was taken; null before any traffic. */
  since: string | null;
  /** How long the pace was read over (ms). */
  observedMs: number;
  totals: DryRunCounts;
  perHour: DryRunCounts;
  perDay: DryRunCounts;
  perMonth: DryRunCounts;
  /** Projected requests per hour as a share of the hourly rate limit (0–1). */
  rateLimitShare: number;
  rateLimit: { requests: number; perSeconds: number };
  /** Measured clock hours, newest first. */
  hours: HourFigures[];
  samples: { at: string; body: unknown; objects: number; objectsShown: number; bytes: number }[];
}

function scaled(counts: DryRunCounts, factor: number): DryRunCounts {
  const out = emptyCounts();
  for (const n of COUNT_NAMES) out[n] = Math.round(counts[n] * factor);
  return out;
}

export function estimateFromHours(rows: readonly DryRunHourRow[], now: number): Omit<DryRunEstimate, 'samples'> {
  const totals = emptyCounts();
  for (const row of rows) for (const n of COUNT_NAMES) totals[n] += row[n];
  const first = rows.reduce<number | null>((min, r) => (min === null ? r.firstAt.getTime() : Math.min(min, r.firstAt.getTime())), null);
  const observedMs = first === null ? 0 : Math.max(MIN_OBSERVED_MS, now - first);
  const perHour = observedMs === 0 ? emptyCounts() : scaled(totals, HOUR_MS / observedMs);
  return {
    since: first === null ? null : new Date(first).toISOString(),
    observedMs,
    totals,
    perHour,
    perDay: scaled(perHour, 24),
    perMonth: scaled(perHour, 24 * DAYS_PER_MONTH),
    rateLimitShare: perHour.requests / TRACK_REQUESTS_PER_HOUR,
    rateLimit: { requests: TRACK_REQUESTS_PER_3_SECONDS, perSeconds: 3 },
    hours: rows
      .map((r) => ({ ...pickCounts(r), hour: r.hour.toISOString(), rateLimitShare: r.requests / TRACK_REQUESTS_PER_HOUR }))
      .reverse(),
  };
}

function pickCounts(row: DryRunCounts): DryRunCounts {
  const out = emptyCounts();
  for (const n of COUNT_NAMES) out[n] = row[n];
  return out;
}

/** GET /api/syncs/:id/dry-run: the estimate of a sync of the project (any status: a former dry run keeps its figures). */
export async function loadDryRunEstimate(projectId: string, syncId: string, now = Date.now()): Promise<DryRunEstimate> {
  await getSync(projectId, syncId);
  const [rows, samples] = await Promise.all([readDryRunHours(syncId, new Date(now - ESTIMATE_WINDOW_MS)), readDryRunSamples(syncId)]);
  return {
    ...estimateFromHours(rows, now),
    samples: samples.map((s) => ({ ...s, at: s.at.toISOString() })),
  };
}
