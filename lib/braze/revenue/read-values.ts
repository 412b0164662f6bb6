/**
 * Lenient readers of revenue values: HTTP clients often send amounts and ids as strings
 * ("9.99", 42), and reading those is lossless. Anything else is absent or a problem, never a guess.
 */
import { isPlainObject } from '@/lib/braze/json';

const NUMERIC = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** A finite number from a number or a numeric string; `undefined` when absent, `null` when not a number. */
export function readNumber(value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return null;
}

/** A non-empty trimmed string from a string or a finite number (product ids are often numbers). */
export function readText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The first of `keys` that `record` holds as its own key, with a value other than undefined/null. */
export function readFirst(record: unknown, keys: readonly string[]): unknown {
  if (!isPlainObject(record)) return undefined;
  for (const key of keys) {
    if (Object.hasOwn(record, key) && record[key] !== undefined && record[key] !== null) return record[key];
  }
  return undefined;
}

/**
 * Money rounded to a millionth: `9.99 * 3` is 29.970000000000002 in floating point, and Braze
 * would store the noise.
 */
export function roundMoney(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Quantity: absent is 1; otherwise a whole number of at least 1. */
export function readQuantity(value: unknown, where: string): { ok: true; quantity: number } | { ok: false; reason: string } {
  const quantity = readNumber(value);
  if (quantity === undefined) return { ok: true, quantity: 1 };
  if (quantity === null || !Number.isInteger(quantity) || quantity < 1) {
    return { ok: false, reason: `${where} quantity ${JSON.stringify(value)} is not a whole number of at least 1` };
  }
  return { ok: true, quantity };
}
