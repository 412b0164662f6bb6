/** Delivery rate and failures, from a range's counters (pure: the dashboard's pages use it too). */
import type { CounterName } from '@/lib/metrics/counters';

type Counts = Record<Extract<CounterName, 'delivered' | 'notDelivered' | 'expired' | 'recovered' | 'superseded'>, number>;

/**
 * The one definition of "failed" used everywhere: objects Braze refused, could not be sent or
 * expired, not since resolved by a replay (delivered, or superseded by newer values already
 * sent). A replay can resolve a failure from before the range, so this never goes below zero.
 */
export function unresolvedFailuresOf(t: Omit<Counts, 'delivered'>): number {
  return Math.max(0, t.notDelivered + t.expired - t.recovered - t.superseded);
}

/** delivered / (delivered + failed), or null when nothing was attempted. */
export function deliveryRateOf(t: Counts): number | null {
  const attempted = t.delivered + unresolvedFailuresOf(t);
  return attempted === 0 ? null : t.delivered / attempted;
}

/** What the two headline figures mean, in one line each (the dashboard's tooltips). */
export const FAILED_MEANING =
  'Objects Braze refused, that could not be sent, or that expired after retries, and that no replay has since delivered or found superseded.';
export const DELIVERY_RATE_MEANING = 'Delivered ÷ (delivered + failed), both counted in objects (events and user updates).';
