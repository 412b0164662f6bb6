/**
 * Checks a property value (event_properties, user_properties, ...) as Amplitude does: nesting at
 * most `maxDepth` levels (HTTP V2 doc, "Object depth may not exceed 40 layers") and strings cut at
 * `maxStringLength`. Runs on every event, so it copies only the objects it must change and leaves
 * the rest shared with the parsed request.
 */
import { truncateString } from '@/lib/amplitude/truncate-string';

export const INVALID_VALUE: unique symbol = Symbol('invalid value');

export interface JsonValueLimits {
  maxDepth: number;
  maxStringLength: number;
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sanitizes a property map (depth 1) or returns INVALID_VALUE when it is not an object or nests too deep. */
export function sanitizeJsonObject(value: unknown, limits: JsonValueLimits): JsonObject | typeof INVALID_VALUE {
  if (!isJsonObject(value)) return INVALID_VALUE;
  return sanitizeObject(value, 1, limits);
}

function sanitizeValue(value: unknown, depth: number, limits: JsonValueLimits): unknown {
  switch (typeof value) {
    case 'string':
      return truncateString(value, limits.maxStringLength);
    case 'number':
      // JSON.parse turns 1e400 into Infinity, which JSON cannot carry back out.
      return Number.isFinite(value) ? value : INVALID_VALUE;
    case 'boolean':
      return value;
    case 'object':
      if (value === null) return null;
      if (depth + 1 > limits.maxDepth) return INVALID_VALUE;
      return Array.isArray(value) ? sanitizeArray(value, depth + 1, limits) : sanitizeObject(value as JsonObject, depth + 1, limits);
    default:
      return INVALID_VALUE;
  }
}

function sanitizeArray(items: unknown[], depth: number, limits: JsonValueLimits): unknown[] | typeof INVALID_VALUE {
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const next = sanitizeValue(item, depth, limits);
    if (next === INVALID_VALUE) return INVALID_VALUE;
    if (next !== item) {
      copy ??= items.slice();
      copy[i] = next;
    }
  }
  return copy ?? items;
}

function sanitizeObject(object: JsonObject, depth: number, limits: JsonValueLimits): JsonObject | typeof INVALID_VALUE {
  let copy: JsonObject | undefined;
  for (const key of Object.keys(object)) {
    const value = object[key];
    const next = sanitizeValue(value, depth, limits);
    if (next === INVALID_VALUE) return INVALID_VALUE;
    if (next !== value) {
      // Spread and defineProperty create own properties, so a `__proto__` key stays data.
      copy ??= { ...object };
      Object.defineProperty(copy, key, { value: next, writable: true, enumerable: true, configurable: true });
    }
  }
  return copy ?? object;
}
