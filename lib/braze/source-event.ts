import { isPlainObject } from '@/lib/braze/json';

/**
 * The minimal shape of an ingested (Amplitude-format) event this folder reads. Structural on
 * purpose, so `lib/braze` does not depend on the ingestion schema.
 */
export type SourceEvent = {
  event_type: string;
  /** Epoch milliseconds. */
  time: number;
  user_id?: string;
  device_id?: string;
  event_properties?: Record<string, unknown>;
  user_properties?: Record<string, unknown>;
};

/**
 * What `findUserProperty` returns for a name the event does not carry. It runs for every
 * selected property of every event, so it returns this instead of a `{ found, value }` object;
 * no property value can be this symbol.
 */
export const MISSING: unique symbol = Symbol('missing');

/** `record`'s own `key`, or MISSING: names like `constructor` never read from the prototype. */
function findOwn(record: unknown, key: string): unknown {
  return isPlainObject(record) && Object.hasOwn(record, key) ? record[key] : MISSING;
}

/**
 * A user property's value (or MISSING): the flat key first, else inside a `$set` operation,
 * which is how Amplitude's identify payloads carry user properties.
 */
export function findUserProperty(event: SourceEvent, name: string): unknown {
  const flat = findOwn(event.user_properties, name);
  if (flat !== MISSING) return flat;
  const set = findOwn(event.user_properties, '$set');
  return set === MISSING ? MISSING : findOwn(set, name);
}
