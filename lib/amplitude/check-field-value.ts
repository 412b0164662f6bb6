/**
 * Checks one event field against its kind from the field table (HTTP V2 doc, "Keys for the event
 * argument"): strings must be strings, numbers numbers, property maps objects. Returns the value
 * to keep (strings truncated) or INVALID_VALUE.
 */
import type { EventFieldKind } from '@/lib/amplitude/event-fields';
import { INVALID_VALUE, isJsonObject, sanitizeJsonObject, type JsonObject, type JsonValueLimits } from '@/lib/amplitude/sanitize-json-value';
import { truncateString } from '@/lib/amplitude/truncate-string';

export function checkFieldValue(kind: EventFieldKind, value: unknown, limits: JsonValueLimits): unknown {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? truncateString(value, limits.maxStringLength) : INVALID_VALUE;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : INVALID_VALUE;
    case 'integer':
      return Number.isSafeInteger(value) ? value : INVALID_VALUE;
    case 'boolean':
      return typeof value === 'boolean' ? value : INVALID_VALUE;
    case 'object':
      return sanitizeJsonObject(value, limits);
    case 'string-object':
      return checkStringObject(value, limits.maxStringLength);
  }
}

function checkStringObject(value: unknown, maxStringLength: number): JsonObject | typeof INVALID_VALUE {
  if (!isJsonObject(value)) return INVALID_VALUE;
  let copy: JsonObject | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (typeof item !== 'string') return INVALID_VALUE;
    const cut = truncateString(item, maxStringLength);
    if (cut !== item) {
      copy ??= { ...value };
      Object.defineProperty(copy, key, { value: cut, writable: true, enumerable: true, configurable: true });
    }
  }
  return copy ?? value;
}
