import { isPlainObject } from '@/lib/braze/json';
import type { JsonValue } from '@/lib/braze/types';

/**
 * Braze's custom attribute data types (Braze "Data types": Boolean, Number, String, Time,
 * Array, Object, Array of objects). `GET /custom_attributes` names them in `data_type`; the
 * spellings seen for time ("Time", "Date") and arrays of objects are all read here.
 */
export const GUARD_TYPES = ['String', 'Number', 'Boolean', 'Time', 'Array', 'Object', 'Object Array'] as const;
export type GuardType = (typeof GUARD_TYPES)[number];

const SPELLINGS: Readonly<Record<string, GuardType>> = Object.freeze({
  string: 'String',
  number: 'Number',
  integer: 'Number',
  float: 'Number',
  boolean: 'Boolean',
  time: 'Time',
  date: 'Time',
  array: 'Array',
  object: 'Object',
  'object array': 'Object Array',
  'array of objects': 'Object Array',
  object_array: 'Object Array',
});

/** The guard type of a `data_type` Braze reported, or null for one it does not know (then only the blocklist applies). */
export function readDataType(dataType: string): GuardType | null {
  const key = dataType.trim().toLowerCase();
  return Object.hasOwn(SPELLINGS, key) ? SPELLINGS[key]! : null;
}

// ISO 8601 dates and date-times, the strings Braze stores as a time (Braze "Data types", Time).
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Whether Braze would read this string as a time rather than text. */
export function isDateLike(value: string): boolean {
  return DATE_LIKE.test(value) && !Number.isNaN(Date.parse(value.replace(' ', 'T')));
}

const ARRAY_OPS = new Set(['add', 'remove']);
const OBJECT_ARRAY_OPS = new Set(['$add', '$remove', '$update']);

function keysWithin(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => allowed.has(k));
}

/**
 * The type Braze records for a value as sent (its first value decides an attribute's type):
 * null (a removal) has none; `{inc}` is a number, `{add}`/`{remove}` an array, `{$add}`… an array
 * of objects; a date-looking string is a time, since Braze converts it.
 */
export function typeOfValue(value: JsonValue): GuardType | null {
  if (value === null) return null;
  if (typeof value === 'number') return 'Number';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'string') return isDateLike(value) ? 'Time' : 'String';
  if (Array.isArray(value)) return value.some(isPlainObject) ? 'Object Array' : 'Array';
  if (keysWithin(value, new Set(['inc']))) return 'Number';
  if (keysWithin(value, ARRAY_OPS)) return 'Array';
  if (keysWithin(value, OBJECT_ARRAY_OPS)) return 'Object Array';
  return 'Object';
}
