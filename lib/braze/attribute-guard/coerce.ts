import { isDateLike, typeOfValue, type GuardType } from '@/lib/braze/attribute-guard/data-types';
import type { JsonValue } from '@/lib/braze/types';

export type Coerced = { ok: true; value: JsonValue; coerced: boolean } | { ok: false; detail: string };

const NOUNS: Readonly<Record<GuardType, string>> = {
  String: 'text',
  Number: 'a number',
  Boolean: 'true or false',
  Time: 'an ISO 8601 time',
  Array: 'an array',
  Object: 'an object',
  'Object Array': 'an array of objects',
};

function shown(value: JsonValue): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** "42" → 42 only when writing the number back gives the same text: "042" or "1e3" would lose their form. */
function numberFromText(text: string): number | undefined {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && String(n) === text ? n : undefined;
}

/**
 * `value` in the attribute's type when that loses nothing ("42" → 42 for a Number, "true" → true
 * for a Boolean, 42 → "42" for a String); otherwise a plain reason. A removal (null) fits any type.
 */
export function coerceToType(value: JsonValue, type: GuardType): Coerced {
  const actual = typeOfValue(value);
  if (actual === null || actual === type) return { ok: true, value, coerced: false };
  // A time is sent as text; text that is a date is stored as a time, so both fit each other's
  // declared type only in the direction Braze reads them.
  if (type === 'String' && actual === 'Time') return { ok: true, value, coerced: false };
  if (type === 'String' && (typeof value === 'number' || typeof value === 'boolean')) {
    return { ok: true, value: String(value), coerced: true };
  }
  if (type === 'Number' && typeof value === 'string') {
    const n = numberFromText(value);
    if (n !== undefined) return { ok: true, value: n, coerced: true };
  }
  if (type === 'Boolean' && (value === 'true' || value === 'false')) return { ok: true, value: value === 'true', coerced: true };
  if (type === 'Time' && typeof value === 'string' && isDateLike(value)) return { ok: true, value, coerced: false };
  return { ok: false, detail: `${shown(value)} is not ${NOUNS[type]} and cannot become one without loss` };
}
