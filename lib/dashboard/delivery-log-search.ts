/**
 * The failures view's delivery log: the latest Braze requests of a sync (what was sent, what Braze
 * answered) that carried an object of a user and/or event name, within a time window. With a
 * search, each request names the objects that matched, so a person sees their event among 75.
 */
import { env } from '@/lib/env';
import { ACCEPTED_KEPT_PER_SECOND, DELIVERY_LOG_SIZE, matchesObject, searchDeliveryLog, type DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import { producerConnection } from '@/lib/queue/queues';

export const DELIVERY_LOG_PAGE = 50;

export type DeliveryLogMatch = { array: 'events' | 'attributes' | 'purchases'; index: number };

export interface DeliveryLogAnswer {
  entries: (DeliveryLogEntry & { matches: DeliveryLogMatch[] | null })[];
  /** Requests that matched, of the last DELIVERY_LOG_SIZE kept; only the newest page is sent. */
  matched: number;
  kept: number;
  /** Of the requests Braze accepted whole, each worker keeps at most this many a second per sync. */
  acceptedPerSecond: number;
}

function matchesOf(entry: DeliveryLogEntry, q: { userId?: string; eventType?: string }): DeliveryLogMatch[] | null {
  if (!q.userId && !q.eventType) return null;
  return (['events', 'attributes', 'purchases'] as const).flatMap((array) =>
    (entry.body[array] ?? []).flatMap((o, index) => (matchesObject(o, q) ? [{ array, index }] : [])),
  );
}

export async function findDeliveryLogEntries(
  syncId: string,
  q: { userId?: string; eventType?: string; from?: Date; to?: Date },
): Promise<DeliveryLogAnswer> {
  const found = await searchDeliveryLog(producerConnection(), env().QUEUE_PREFIX, syncId, { userId: q.userId, eventType: q.eventType });
  const from = q.from?.getTime() ?? -Infinity;
  const to = q.to?.getTime() ?? Infinity;
  const inWindow = found.filter((e) => e.at >= from && e.at < to);
  return {
    entries: inWindow.slice(0, DELIVERY_LOG_PAGE).map((e) => ({ ...e, matches: matchesOf(e, q) })),
    matched: inWindow.length,
    kept: DELIVERY_LOG_SIZE,
    acceptedPerSecond: ACCEPTED_KEPT_PER_SECOND,
  };
}
