/**
 * Which events carry revenue, and the order each describes: a configured order event with a
 * `products` array, else Amplitude revenue fields. An order event without products falls back to
 * its revenue fields; with neither, it gets a reason rather than being sent as if it were no order.
 */
import { isPlainObject } from '@/lib/braze/json';
import { sameName, type RevenueMapping } from '@/lib/braze/revenue/mapping';
import type { ReadOrder, RevenueSourceEvent } from '@/lib/braze/revenue/order';
import { readProductsOrder } from '@/lib/braze/revenue/read-products-order';
import { hasRevenueFields, readRevenueEvent } from '@/lib/braze/revenue/read-revenue-event';

export function isOrderEvent(event: RevenueSourceEvent, mapping: RevenueMapping): boolean {
  return mapping.orderEvents.some((name) => sameName(name, event.event_type));
}

export function readOrder(event: RevenueSourceEvent, mapping: RevenueMapping): ReadOrder {
  const products = isPlainObject(event.event_properties) ? event.event_properties.products : undefined;
  if (isOrderEvent(event, mapping)) {
    if (Array.isArray(products)) return readProductsOrder(event, products, mapping);
    if (!hasRevenueFields(event)) {
      return { found: true, ok: false, reason: `order "${event.event_type}" has no products array and no revenue fields` };
    }
  }
  return hasRevenueFields(event) ? readRevenueEvent(event, mapping) : { found: false };
}
