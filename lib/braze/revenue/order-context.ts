/**
 * What every order shares however its amounts were read: id, currency, source, refund flag.
 */
import { CURRENCY_CODE, sameName, type RevenueMapping } from '@/lib/braze/revenue/mapping';
import type { RevenueSourceEvent } from '@/lib/braze/revenue/order';
import { readFirst, readText } from '@/lib/braze/revenue/read-values';

/**
 * The order id: the event's `order_id` (or `orderId`) property; else its `insert_id`, which
 * Amplitude uses to deduplicate, so a re-sent event names the same order; else one made of the
 * user, time and product, stable across retries.
 */
export function readOrderId(event: RevenueSourceEvent, productId: string | undefined): string {
  const given = readText(readFirst(event.event_properties, ['order_id', 'orderId', '$orderId']));
  if (given) return given;
  if (event.insert_id) return event.insert_id;
  return [event.user_id ?? event.device_id ?? 'anonymous', event.time, productId ?? event.event_type].join(':');
}

/**
 * The currency: the configured currency property, else the event's own (`$currency` of SDK
 * revenue, top-level `currency`, or a `currency` property), else the sync's default. Lower case
 * is accepted ("usd" is USD); anything but three letters is refused.
 */
export function readCurrency(event: RevenueSourceEvent, mapping: RevenueMapping): { ok: true; currency: string } | { ok: false; reason: string } {
  const configured = mapping.currencyProperty ? readFirst(event.event_properties, [mapping.currencyProperty]) : undefined;
  const raw = configured ?? readFirst(event.event_properties, ['$currency', 'currency']) ?? event.currency ?? mapping.defaultCurrency;
  const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  if (!CURRENCY_CODE.test(code)) {
    return { ok: false, reason: `currency ${JSON.stringify(raw)} is not a three-letter ISO 4217 code, which Braze requires` };
  }
  return { ok: true, currency: code };
}

/** Braze's `source` ("web", "ios", "android"…): a `source` property, else the event's platform in lower case. */
export function readSource(event: RevenueSourceEvent): string {
  return readText(readFirst(event.event_properties, ['source'])) ?? event.platform?.trim().toLowerCase() ?? 'server';
}

export function isRefund(total: number, revenueType: string | undefined, mapping: RevenueMapping): boolean {
  if (total < 0) return true;
  return revenueType !== undefined && mapping.refundRevenueTypes.some((type) => sameName(type, revenueType));
}
