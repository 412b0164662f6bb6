import { isPlainObject } from '@/test/fakes/braze/json-values';

// Most user-management endpoints take at most 50 entries per list (braze-api.md §7).
export const MAX_USER_LIST = 50;

export type ListRead = { ok: true; items: unknown[] | undefined } | { ok: false; message: string };

/** Reads `body[field]` as an optional array of at most `max` entries. */
export function readList(body: unknown, field: string, max = MAX_USER_LIST): ListRead {
  const value = isPlainObject(body) ? body[field] : undefined;
  if (value === undefined) return { ok: true, items: undefined };
  if (!Array.isArray(value)) return { ok: false, message: `'${field}' must be an array` };
  if (value.length > max) return { ok: false, message: `'${field}' may not contain more than ${max} entries` };
  return { ok: true, items: value };
}
