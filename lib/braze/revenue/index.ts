/**
 * Amplitude revenue → Braze: eCommerce recommended events, legacy purchases, or plain custom
 * events, per sync. Pure: the mapping is passed in.
 */
export { buildRevenueObjects } from '@/lib/braze/revenue/build-revenue';
export type { BuiltRevenue, BuiltRevenueObject } from '@/lib/braze/revenue/build-purchases';
export { DEFAULT_REVENUE_MAPPING, REVENUE_MODES, type RevenueMapping, type RevenueMode } from '@/lib/braze/revenue/mapping';
export { ORDER_PLACED_EVENT, ORDER_REFUNDED_EVENT } from '@/lib/braze/revenue/ecommerce-schema';
