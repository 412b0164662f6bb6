import type { JsonValue } from '@/lib/braze/types';
import { setOwn } from '@/lib/json/own-keys';

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
 * Arrays and objects are always copies; object keys are defined as own data properties (see
 * `setOwn`), so a `__proto__` key stays a plain key.
 */
export function toJsonValue(value: unknown, depth = 0): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return arrayToJson(value as unknown[], depth);
  if (!isPlainObject(value)) return undefined;
  // Built key by key rather than through entries arrays: this runs for every nested event property.
  const copy: Record<string, JsonValue> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = toJsonValue(value[key], depth + 1);
    if (item === undefined) return undefined;
    setOwn(copy, key, item);
  }
  return copy as JsonValue;
}

function arrayToJson(value: unknown[], depth: number): JsonValue | undefined {
  // `map` keeps holes (and `every` skips them) and builds subclasses through Symbol.species:
  // such arrays keep that path so the result does not change.
  if (Object.getPrototypeOf(value) !== Array.prototype) return mapArrayToJson(value, depth);
  // A slice is sized once (pushing into `[]` over-allocates); only nested items need replacing.
  const items = value.slice();
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const json = toJsonValue(item, depth + 1);
    if (json === undefined) return index in value ? undefined : mapArrayToJson(value, depth);
    if (json !== item) items[index] = json;
  }
  return items as JsonValue[];
}

function mapArrayToJson(value: unknown[], depth: number): JsonValue | undefined {
  const items = value.map((item) => toJsonValue(item, depth + 1));
  return items.every((item) => item !== undefined) ? (items as JsonValue[]) : undefined;
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
