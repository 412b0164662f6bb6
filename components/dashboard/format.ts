/** How the dashboard writes numbers, rates, durations and times (English, the viewer's time zone). */
const COUNT = new Intl.NumberFormat('en-US');
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export const formatCount = (n: number): string => COUNT.format(n);

/** Axis ticks: 1.2K, 3.4M. */
export const formatCompact = (n: number): string => COMPACT.format(n);

/** 0.8333 → "83.3%"; 1 → "100%"; null (nothing attempted) → "—". */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const pct = rate * 100;
  // Never round a rate with failures up to 100%, nor a rate with deliveries down to 0%.
  const text = pct > 99.9 && pct < 100 ? '99.9' : pct > 0 && pct < 0.1 ? '0.1' : pct.toFixed(1).replace(/\.0$/, '');
  return `${text}%`;
}

/** 350 → "350 ms"; 1500 → "1.5 s"; 138000 → "2.3 min"; null → "—". */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1).replace(/\.0$/, '')} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1).replace(/\.0$/, '')} min`;
  return `${(ms / 3_600_000).toFixed(1).replace(/\.0$/, '')} h`;
}

/** How long ago `at` was, shortly: "8 s", "4 min", "3 h", "2 d". */
export function formatAge(at: string | number, now: number): string {
  const s = Math.max(0, Math.round((now - new Date(at).getTime()) / 1_000));
  if (s < 60) return `${s} s`;
  if (s < 3_600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3_600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

const TIME = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hour12: false });
const DAY_HOUR = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });
const FULL = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** A chart's axis tick: the time of day for ranges within a day, the date beyond. */
export function formatTick(at: string, rangeMs: number): string {
  const d = new Date(at);
  if (rangeMs <= 86_400_000) return TIME.format(d);
  return rangeMs <= 7 * 86_400_000 ? DAY_HOUR.format(d) : DAY.format(d);
}

/** A bucket in a chart's tooltip: "Nov 29, 14:05". */
export const formatBucket = (at: string): string => DAY_HOUR.format(new Date(at));

/** Text that ends with exactly one full stop, to go on with another sentence ("401)." not "401).."). */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A moment in a table: "Nov 29, 14:05:09". */
export const formatMoment = (at: string | number): string => FULL.format(new Date(at));
