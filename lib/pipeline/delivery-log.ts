/**
 * A bounded log of the latest Braze requests of each sync — what was sent and what Braze
 * answered — so a person can look up why a given user's event did or did not arrive. Kept in
 * Redis as a capped list per sync (newest first); objects are kept as sent, never the API key.
 */
import type { Redis } from 'ioredis';

export const DELIVERY_LOG_SIZE = 500;

export interface DeliveryLogEntry {
  at: number;
  status: number | null;
  outcome: 'accepted' | 'retryable' | 'permanent';
  reason?: string;
  /** Braze's minor errors of this request, by array and index. */
  errors: { array: string; index: number; reason: string }[];
  body: Partial<Record<'events' | 'attributes', Record<string, unknown>[]>>;
}

const keyOf = (prefix: string, syncId: string) => `${prefix}:delivery-log:{${syncId}}`;

export async function appendDeliveryLog(redis: Redis, prefix: string, syncId: string, entry: DeliveryLogEntry): Promise<void> {
  const key = keyOf(prefix, syncId);
  await redis.multi().lpush(key, JSON.stringify(entry)).ltrim(key, 0, DELIVERY_LOG_SIZE - 1).exec();
}

function identifierOf(o: Record<string, unknown>): string | undefined {
  const alias = o.user_alias as { alias_name?: string } | undefined;
  for (const v of [o.external_id, o.braze_id, o.email, o.phone, alias?.alias_name]) if (typeof v === 'string') return v;
  return undefined;
}

/** Whether a sent object is of this user (by its Braze identifier) and/or this event name. */
export function matchesObject(o: Record<string, unknown>, q: { userId?: string; eventType?: string }): boolean {
  return (!q.userId || identifierOf(o) === q.userId) && (!q.eventType || o.name === q.eventType);
}

/** Requests that carried an object of this user and/or event name, newest first. */
export async function searchDeliveryLog(
  redis: Redis,
  prefix: string,
  syncId: string,
  q: { userId?: string; eventType?: string },
): Promise<DeliveryLogEntry[]> {
  const raw = await redis.lrange(keyOf(prefix, syncId), 0, DELIVERY_LOG_SIZE - 1);
  const entries = raw.map((r) => JSON.parse(r) as DeliveryLogEntry);
  if (!q.userId && !q.eventType) return entries;
  return entries.filter((e) => [...(e.body.events ?? []), ...(e.body.attributes ?? [])].some((o) => matchesObject(o, q)));
}
