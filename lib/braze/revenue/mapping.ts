/**
 * How a sync sends Amplitude revenue to Braze. Structural, so this vendor folder does not depend
 * on how syncs are stored; lib/syncs validates it with zod and passes it in.
 */

/**
 * - `ecommerce`: Braze's eCommerce recommended events (`ecommerce.order_placed`,
 *   `ecommerce.order_refunded`), which Braze requires of new workspaces.
 * - `purchases`: legacy `purchases` objects, for contracts that still use them.
 * - `events`: revenue events stay plain custom events, as the Amplitude event was.
 */
export const REVENUE_MODES = ['ecommerce', 'purchases', 'events'] as const;
export type RevenueMode = (typeof REVENUE_MODES)[number];

export interface RevenueMapping {
  mode: RevenueMode;
  /** An event property holding the ISO 4217 currency; when absent the event's own currency fields are read. */
  currencyProperty: string | undefined;
  /** The currency of revenue that names none. */
  defaultCurrency: string;
  /** Event types that are orders carrying a `products` array (matched ignoring case and surrounding spaces). */
  orderEvents: string[];
  /** `revenueType` values that mark a refund (besides a negative amount), matched ignoring case. */
  refundRevenueTypes: string[];
}

export const DEFAULT_REVENUE_MAPPING: RevenueMapping = {
  mode: 'ecommerce',
  currencyProperty: undefined,
  defaultCurrency: 'USD',
  orderEvents: ['Order Completed'],
  refundRevenueTypes: ['refund'],
};

/** ISO 4217 alphabetic codes are three letters; Braze requires one on every purchase and order. */
export const CURRENCY_CODE = /^[A-Z]{3}$/;

export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
