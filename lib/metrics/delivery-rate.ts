/** Delivery rate and failures, from a range's counters (pure: the dashboard's pages use it too). */
import type { CounterName } from '@/lib/metrics/counters';

type Counts = Record<Extract<CounterName, 'delivered' | 'notDelivered' | 'expired' | 'recovered'>, number>;

/**
 * Failed objects not since recovered by a replay. A replay can recover a failure from before
 * the range, so this never goes below zero.
 */
export function unresolvedFailuresOf(t: Omit<Counts, 'delivered'>): number {
  return Math.max(0, t.notDelivered + t.expired - t.recovered);
}

/** delivered / (delivered + failures not recovered), or null when nothing was attempted. */
export function deliveryRateOf(t: Counts): number | null {
  const attempted = t.delivered + unresolvedFailuresOf(t);
  return attempted === 0 ? null : t.delivered / attempted;
}
