// A log that keeps the newest entries whose weights add up to at most `limit`.
// The benchmark pushes tens of thousands of objects a second through the fake for minutes;
// keeping everything would exhaust memory, so only the tail stays readable.

export interface BoundedLog<T> {
  limit: number;
  entries: T[];
  weights: number[];
  /** Index of the oldest live entry; dropped entries are compacted away lazily. */
  head: number;
  totalWeight: number;
}

export function createBoundedLog<T>(limit: number): BoundedLog<T> {
  return { limit, entries: [], weights: [], head: 0, totalWeight: 0 };
}

export function appendToLog<T>(log: BoundedLog<T>, entry: T, weight = 1): void {
  if (log.limit <= 0) return;
  log.entries.push(entry);
  log.weights.push(weight);
  log.totalWeight += weight;
  // Always keep the newest entry, even when it alone is heavier than the limit.
  while (log.totalWeight > log.limit && log.head < log.entries.length - 1) {
    log.totalWeight -= log.weights[log.head] ?? 0;
    log.head += 1;
  }
  if (log.head > 1024 && log.head * 2 > log.entries.length) compactLog(log);
}

export function readLog<T>(log: BoundedLog<T>, newest?: number): T[] {
  const start = newest === undefined ? log.head : Math.max(log.head, log.entries.length - newest);
  return log.entries.slice(start);
}

export function clearLog<T>(log: BoundedLog<T>): void {
  log.entries = [];
  log.weights = [];
  log.head = 0;
  log.totalWeight = 0;
}

function compactLog<T>(log: BoundedLog<T>): void {
  log.entries = log.entries.slice(log.head);
  log.weights = log.weights.slice(log.head);
  log.head = 0;
}
