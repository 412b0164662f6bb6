/**
 * The delivery benchmark's revenue variant: a share of the generated events become the SDKs'
 * `revenue_amount` events (`$productId`, `$price`, `$quantity`, `$revenueType`), which the
 * benchmark sync sends as Braze's `ecommerce.order_placed` (its default revenue mapping), so the
 * cost of reading and validating revenue shows against the events-only figure of the same run.
 */
import type { PartResult } from '@/bench/scenarios/delivery/measure';
import { formatNumber } from '@/bench/harness/table';

/** One event in ten carries revenue. */
export const REVENUE_SHARE = 0.1;
export const REVENUE_LABEL = 'product, 1 worker — throughput, 10 % revenue events';
/**
 * The events-only figure the revenue variant is held against: measured again just before it, as
 * the first throughput variant also pays for creating every user's profile (its Postgres CPU is
 * higher), which would flatter the revenue variant.
 */
export const EVENTS_ONLY_WARM_LABEL = 'product, 1 worker — throughput, events only again';

const PRODUCTS = ['plan-basic', 'plan-pro', 'seat', 'credits-100', 'gift-card'];

/** Turns every (1 / share)-th event of the pool into an SDK revenue event of the same user and time. */
export function revenueEventsEvery(share: number) {
  const every = Math.round(1 / share);
  return (event: Record<string, unknown>, poolIndex: number): Record<string, unknown> => {
    if (poolIndex % every !== 0) return event;
    const product = PRODUCTS[poolIndex % PRODUCTS.length]!;
    return {
      ...event,
      event_type: 'revenue_amount',
      event_properties: { $productId: product, $price: 4.99 + (poolIndex % 7) * 10, $quantity: 1 + (poolIndex % 3), $revenueType: 'purchase', $currency: 'USD' },
    };
  };
}

/** The revenue variant's throughput against the events-only one measured just before it, for the notes. */
export function revenueComparison(parts: readonly PartResult[]): string[] {
  const base = parts.find((p) => p.label === EVENTS_ONLY_WARM_LABEL)?.steadyEventsPerSecond;
  const revenue = parts.find((p) => p.label === REVENUE_LABEL)?.steadyEventsPerSecond;
  if (!base || !revenue) return [];
  const change = (revenue / base - 1) * 100;
  return [
    `With 10 % revenue events (sent as ecommerce.order_placed): ${formatNumber(revenue)} events/s steady, ${change >= 0 ? '+' : ''}${formatNumber(change, 1)} % against events only measured just before it (${formatNumber(base)} events/s); target: within 10 %.`,
  ];
}
