import type { JsonValue } from '@/lib/braze/types';

const encoder = new TextEncoder();
const NON_ASCII = /[\u0080-\uffff]/;

/** UTF-8 size of `value` serialised as JSON: what Braze's KB/MB limits are measured on. */
export function measureJsonBytes(value: unknown): number {
  return jsonTextBytes(JSON.stringify(value) ?? '');
}

/**
 * The UTF-8 size of JSON text already serialised, without encoding the common all-ASCII text
 * (there a character is a byte). JSON.stringify escapes lone surrogates, so the text is well formed.
 */
export function jsonTextBytes(text: string): number {
  return NON_ASCII.test(text) ? encoder.encode(text).length : text.length;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// Deeper than this is not real event data; the cap also keeps a cyclic object from recursing forever.
const MAX_DEPTH = 32;

/**
 * `value` as a JSON value, or `undefined` when JSON cannot carry it faithfully: `undefined`,
 * functions, bigint, NaN/Infinity (JSON.stringify would silently turn them into `null`),
 * class instances such as Date or Map, or nesting deeper than 32 levels.
 * Objects are rebuilt with `Object.fromEntries`, so a `__proto__` key stays a plain key.
 */
export function toJsonValue(value: unknown, depth = 0): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => toJsonValue(item, depth + 1));
    return items.every((item) => item !== undefined) ? (items as JsonValue[]) : undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const entries = Object.entries(value).map(([key, item]) => [key, toJsonValue(item, depth + 1)] as const);
  if (entries.some(([, item]) => item === undefined)) return undefined;
  return Object.fromEntries(entries) as JsonValue;
}

/** A short description of a value's kind for issue messages (never the value itself). */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'object') return isPlainObject(value) ? 'object' : (value.constructor?.name ?? 'object');
  return typeof value;
}

/** `record[key]` only when it is the record's own key: `constructor` or `__proto__` never match. */
export function readOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
