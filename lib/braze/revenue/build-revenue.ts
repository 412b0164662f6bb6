/**
 * The revenue step of the transform: for an event that carries revenue, the Braze objects the
 * sync's revenue mapping makes of it, or the reason it cannot be sent. `null` means "not revenue
 * here" (no revenue, or the sync sends revenue as plain custom events): the event goes as usual.
 */
import type { BuildEventOptions } from '@/lib/braze/event';
import { buildEcommerceEvent } from '@/lib/braze/revenue/build-ecommerce';
import { buildPurchases, type BuiltRevenue } from '@/lib/braze/revenue/build-purchases';
import type { RevenueMapping } from '@/lib/braze/revenue/mapping';
import type { RevenueSourceEvent } from '@/lib/braze/revenue/order';
import { readOrder } from '@/lib/braze/revenue/read-order';

export function buildRevenueObjects(event: RevenueSourceEvent, mapping: RevenueMapping, options: BuildEventOptions): BuiltRevenue | null {
  if (mapping.mode === 'events') return null;
  const read = readOrder(event, mapping);
  if (!read.found) return null;
  if (!read.ok) return { ok: false, reason: read.reason };
  if (mapping.mode === 'purchases') return buildPurchases(event, read.order, options);
  const built = buildEcommerceEvent(event, read.order, options);
  return built.ok ? { ok: true, objects: [{ array: 'events', object: built.event }] } : built;
}
