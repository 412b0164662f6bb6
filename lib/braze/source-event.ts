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

/** Own-key lookup, so names like `constructor` never read from the prototype. */
function readOwnKey(record: unknown, key: string): { found: true; value: unknown } | { found: false } {
  if (!isPlainObject(record) || !Object.hasOwn(record, key)) return { found: false };
  return { found: true, value: record[key] };
}

/**
 * A user property's value: the flat key first, else inside a `$set` operation, which is how
 * Amplitude's identify payloads carry user properties.
 */
export function readUserProperty(event: SourceEvent, name: string): { found: true; value: unknown } | { found: false } {
  const flat = readOwnKey(event.user_properties, name);
  if (flat.found) return flat;
  const set = readOwnKey(event.user_properties, '$set');
  return set.found ? readOwnKey(set.value, name) : { found: false };
}

export function readEventProperty(event: SourceEvent, name: string): { found: true; value: unknown } | { found: false } {
  return readOwnKey(event.event_properties, name);
}
