/**
 * A bounded log of the latest Braze requests of each sync — what was sent and what Braze
 * answered — so a person can look up why a given user's event did or did not arrive. Kept in
 * Redis as a capped list per sync (newest first); objects are kept as sent, never the API key.
 *
 * Every request Braze refused, answered with errors, or did not answer is kept, and every call
 * other than `/users/track`; of the requests Braze accepted whole, each worker keeps at most
 * `ACCEPTED_KEPT_PER_SECOND` a second per sync (a burst of `ACCEPTED_BURST` at once). Below that
 * rate the log holds every request, as before. Above it, the accepted requests no longer push
 * the failures out of the 500 within seconds (at 200 requests a second they did in 2.5 s), and
 * the log stops doubling what the worker writes: each entry is the whole request body, as many
 * bytes as went to Braze, and at load these entries were two thirds of the worker's writes to
 * Redis.
 */
import type { MinorError } from '@/lib/braze';
import type { RedisClient } from '@/lib/queue/connection';
import { aliasCallObjectsOf } from '@/lib/anonymous/alias-call-objects';
import type { TrackArrayName } from '@/lib/braze/types';
import { bodyJsonOf } from '@/lib/pipeline/deliver/object-bytes';

export const DELIVERY_LOG_SIZE = 500;

/** Requests Braze accepted whole, kept per sync and worker each second at most. */
export const ACCEPTED_KEPT_PER_SECOND = 5;
/** …and at once, after a quiet spell (a sync's first requests, a small test). */
export const ACCEPTED_BURST = 20;

export interface DeliveryLogEntry {
  at: number;
  status: number | null;
  outcome: 'accepted' | 'retryable' | 'permanent';
  reason?: string;
  /** Braze's minor errors of this request, by array and index. */
  errors: MinorError[];
  body: Partial<Record<'events' | 'attributes' | 'purchases', Record<string, unknown>[]>>;
  /** The Braze endpoint called when it is not `/users/track` (e.g. `/users/delete`), with what was sent to it. */
  endpoint?: string;
  call?: Record<string, unknown>;
}

const keyOf = (prefix: string, syncId: string) => `${prefix}:delivery-log:{${syncId}}`;
export const deliveryLogKey = keyOf;

/**
 * Writes log entries behind the requests they describe: an entry is handed over without waiting
 * for Redis, and entries that arrive while a write is in flight go together in the next one (one
 * LPUSH per sync), so at load the log costs a Redis round trip per several requests instead of a
 * transaction per request. Best effort, like all delivery bookkeeping: a failed write is logged
 * and dropped, and a crash loses at most the entries of one write.
 */
export class DeliveryLogWriter {
  private waiting = new Map<string, DeliveryLogEntry[]>();
  private writing: Promise<void> | null = null;
  /** Per sync: accepted requests that may still be kept, as of `at` (a token bucket). */
  private readonly acceptedRoom = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly onError: (err: Error) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  append(syncId: string, entry: DeliveryLogEntry): void {
    if (isAcceptedWhole(entry) && !this.takeAcceptedRoom(syncId)) return;
    const list = this.waiting.get(syncId);
    if (list) list.push(entry);
    else this.waiting.set(syncId, [entry]);
    this.writing ??= this.writeWaiting();
  }

  private takeAcceptedRoom(syncId: string): boolean {
    const now = this.now();
    const room = this.acceptedRoom.get(syncId);
    if (!room) {
      this.acceptedRoom.set(syncId, { tokens: ACCEPTED_BURST - 1, at: now });
      return true;
    }
    room.tokens = Math.min(ACCEPTED_BURST, room.tokens + ((now - room.at) / 1000) * ACCEPTED_KEPT_PER_SECOND);
    room.at = now;
    if (room.tokens < 1) return false;
    room.tokens -= 1;
    return true;
  }

  /** Resolves once every entry appended so far is written (or failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async writeWaiting(): Promise<void> {
    while (this.waiting.size > 0) {
      const batch = this.waiting;
      this.waiting = new Map();
      // One pipeline per sync's key: on a Redis Cluster a pipeline must stay on one node, and
      // the syncs' logs are spread over the slots. The pipelines go out together all the same.
      const writes = [...batch].map(([syncId, entries]) => {
        const key = keyOf(this.prefix, syncId);
        // Oldest first, so the newest ends at the head; older ones would be trimmed at once.
        return this.redis
          .pipeline()
          .lpush(key, ...entries.slice(-DELIVERY_LOG_SIZE).map(entryJson))
          .ltrim(key, 0, DELIVERY_LOG_SIZE - 1)
          .exec();
      });
      // Said once per write, as when it was one pipeline: an outage fails every sync's alike.
      const failed = (await Promise.allSettled(writes))
        .map((written) => (written.status === 'rejected' ? (written.reason as Error) : written.value?.find(([err]) => err)?.[0]))
        .find(Boolean);
      if (failed) this.onError(failed);
    }
    this.writing = null;
  }
}

/**
 * An entry as stored: its request body from the objects' JSON the request was sent with
 * (lib/pipeline/deliver/object-bytes), the rest serialised here. The same as `JSON.stringify`
 * but for the order of the keys.
 */
export function entryJson(entry: DeliveryLogEntry): string {
  const rest = JSON.stringify({ ...entry, body: undefined });
  return `${rest.slice(0, -1)}${rest.length > 2 ? ',' : ''}"body":${bodyJsonOf(entry.body)}}`;
}

/** A `/users/track` request Braze accepted with no error at all: the only kind the log samples. */
function isAcceptedWhole(entry: DeliveryLogEntry): boolean {
  return entry.outcome === 'accepted' && entry.errors.length === 0 && entry.endpoint === undefined;
}

function identifierOf(o: Record<string, unknown>): string | undefined {
  const alias = o.user_alias as { alias_name?: string } | undefined;
  for (const v of [o.external_id, o.braze_id, o.email, o.phone, alias?.alias_name]) if (typeof v === 'string') return v;
  return undefined;
}

/** Purchases have no event name: a search for "purchase" (or "purchases") finds every one. */
const PURCHASE_SEARCH = /^purchases?$/i;
const TRACK_ARRAYS: readonly TrackArrayName[] = ['events', 'attributes', 'purchases'];

/** An event by its name; a purchase by its product id or as a purchase; attributes by none. */
function isNamed(o: Record<string, unknown>, array: TrackArrayName | undefined, name: string): boolean {
  if (array === 'purchases') return o.product_id === name || PURCHASE_SEARCH.test(name);
  return array !== 'attributes' && o.name === name;
}

/** Whether a sent object (of `array` in the request) is of this user (by its Braze identifier) and/or this event name. */
export function matchesObject(o: Record<string, unknown>, q: { userId?: string; eventType?: string }, array?: TrackArrayName): boolean {
  return (!q.userId || identifierOf(o) === q.userId) && (!q.eventType || isNamed(o, array, q.eventType));
}

/** Requests that carried an object of this user and/or event name, newest first. */
export async function searchDeliveryLog(
  redis: RedisClient,
  prefix: string,
  syncId: string,
  q: { userId?: string; eventType?: string },
): Promise<DeliveryLogEntry[]> {
  const raw = await redis.lrange(keyOf(prefix, syncId), 0, DELIVERY_LOG_SIZE - 1);
  const entries = raw.map((r) => JSON.parse(r) as DeliveryLogEntry);
  if (!q.userId && !q.eventType) return entries;
  return entries.filter(
    (e) =>
      TRACK_ARRAYS.some((array) => (e.body[array] ?? []).some((o) => matchesObject(o, q, array))) ||
      aliasCallObjectsOf(e.call).some((o) => matchesObject(o, q)),
  );
}
