/**
 * Which events carry revenue, and the order each describes: a configured order event with a
 * `products` array, else Amplitude revenue fields. An order event with neither describes no
 * order Braze could record, so it stays the plain custom event it always was.
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
  if (isOrderEvent(event, mapping) && Array.isArray(products)) return readProductsOrder(event, products, mapping);
  return hasRevenueFields(event) ? readRevenueEvent(event, mapping) : { found: false };
}
