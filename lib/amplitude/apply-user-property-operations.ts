/**
 * Applies a `user_properties` map to a user's current properties with Amplitude's semantics
 * (Identify API doc operation table; SDK rules from Amplitude-TypeScript `identify.ts`): each
 * property is changed by its first operation only, in Amplitude's operation order, and
 * `$clearAll` removes everything and voids the other operations.
 *
 * Properties are client data, so they live in a Map and are returned through Object.fromEntries:
 * keys such as `__proto__` or `constructor` stay ordinary data.
 *
 * `unset` and `remove` are reported even when `current` lacks the property: a destination may
 * hold values this state never saw.
 */
import { includesJsonValue } from '@/lib/amplitude/json-value-equality';
import { ORDERED_OPERATIONS, readUserPropertyOperations, type UserPropertyOperation } from '@/lib/amplitude/read-user-property-operations';
import type { UserPropertyChange, UserPropertyUpdate } from '@/lib/amplitude/user-property-change';

type State = Map<string, unknown>;

export function applyUserPropertyOperations(current: Record<string, unknown>, userProperties: Record<string, unknown>): UserPropertyUpdate {
  const state: State = new Map(Object.entries(current));
  const { clearAll, entries } = readUserPropertyOperations(userProperties);
  const changes: UserPropertyChange[] = [];
  if (clearAll) {
    for (const key of state.keys()) changes.push({ key, op: 'unset' });
    return { next: {}, changes };
  }
  const claimed = new Set<string>();
  for (const operation of ORDERED_OPERATIONS) {
    for (const [key, value] of entries.get(operation) ?? []) {
      if (claimed.has(key)) continue;
      claimed.add(key);
      const change = applyOperation(operation, key, value, state);
      if (change !== undefined) changes.push(change);
    }
  }
  return { next: Object.fromEntries(state), changes };
}

function applyOperation(operation: UserPropertyOperation, key: string, value: unknown, state: State): UserPropertyChange | undefined {
  const existing = state.get(key);
  switch (operation) {
    case '$set':
      state.set(key, value);
      return { key, op: 'set', value };
    case '$setOnce':
      if (state.has(key)) return undefined;
      state.set(key, value);
      return { key, op: 'set', value };
    case '$unset':
      state.delete(key);
      return { key, op: 'unset' };
    case '$add':
      return addNumber(key, value as number, existing, state);
    case '$append':
    case '$prepend':
      return extendList(operation, key, toList(value), existing, state);
    case '$preInsert':
    case '$postInsert':
      return insertMissing(operation, key, toList(value), existing, state);
    case '$remove':
      return removeValues(key, toList(value), existing, state);
  }
}

function addNumber(key: string, delta: number, existing: unknown, state: State): UserPropertyChange | undefined {
  // A missing property counts as 0; a non-numeric one cannot be incremented.
  if (existing !== undefined && typeof existing !== 'number') return undefined;
  const total = (existing ?? 0) + delta;
  state.set(key, total);
  return { key, op: 'add', delta, value: total };
}

function extendList(operation: '$append' | '$prepend', key: string, values: unknown[], existing: unknown, state: State): UserPropertyChange {
  const list = toExistingList(existing);
  const next = operation === '$append' ? [...list, ...values] : [...values, ...list];
  state.set(key, next);
  return { key, op: operation === '$append' ? 'append' : 'prepend', values, value: next };
}

function insertMissing(operation: '$preInsert' | '$postInsert', key: string, values: unknown[], existing: unknown, state: State): UserPropertyChange | undefined {
  const list = toExistingList(existing);
  const missing: unknown[] = [];
  for (const value of values) {
    if (!includesJsonValue(list, value) && !includesJsonValue(missing, value)) missing.push(value);
  }
  if (missing.length === 0) return undefined;
  const next = operation === '$preInsert' ? [...missing, ...list] : [...list, ...missing];
  state.set(key, next);
  return { key, op: operation === '$preInsert' ? 'pre-insert' : 'post-insert', values: missing, value: next };
}

function removeValues(key: string, values: unknown[], existing: unknown, state: State): UserPropertyChange {
  if (!Array.isArray(existing)) return { key, op: 'remove', values, value: existing };
  const next = existing.filter((item) => !includesJsonValue(values, item));
  state.set(key, next);
  return { key, op: 'remove', values, value: next };
}

/** Operations take a single value or a list of values. */
function toList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** A scalar property becomes the first item of the list it is extended into. */
function toExistingList(existing: unknown): unknown[] {
  if (existing === undefined) return [];
  return Array.isArray(existing) ? existing : [existing];
}
