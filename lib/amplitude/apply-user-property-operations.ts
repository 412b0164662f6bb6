/**
 * Applies a `user_properties` map to a user's current properties with Amplitude's semantics
 * (Identify API doc operation table; SDK rules from Amplitude-TypeScript `identify.ts`): each
 * property is changed by its first operation only, in Amplitude's operation order, and
 * `$clearAll` removes everything and voids the other operations.
 *
 * Properties are client data: keys such as `__proto__` or `constructor` stay ordinary data
 * properties, read only when own and `__proto__` defined rather than assigned.
 *
 * `unset` and `remove` are reported even when `current` lacks the property: a destination may
 * hold values this state never saw.
 */
import { includesJsonValue } from '@/lib/amplitude/json-value-equality';
import { setOwn } from '@/lib/json/own-keys';
import {
  hasClearAll,
  visitUserPropertyOperations,
  type UserPropertyOperation,
  type UserPropertyOperationVisitor,
} from '@/lib/amplitude/read-user-property-operations';
import type { UserPropertyChange, UserPropertyUpdate } from '@/lib/amplitude/user-property-change';

/** `next` is `current` itself when no operation changed a value; neither is modified afterwards. */
export function applyUserPropertyOperations(current: Record<string, unknown>, userProperties: Record<string, unknown>): UserPropertyUpdate {
  if (hasClearAll(userProperties)) {
    const changes: UserPropertyChange[] = [];
    for (const key in current) if (Object.hasOwn(current, key)) changes.push({ key, op: 'unset' });
    return { next: {}, changes };
  }
  const state = new State(current);
  visitUserPropertyOperations(userProperties, state);
  return { next: state.result(), changes: state.changes };
}

/**
 * The properties as the operations leave them, copied on the first write that changes a value:
 * `current` (an earlier event's view, or the profile as read) is never modified, and an event
 * that sets the values its user already has (most events repeat them) copies nothing.
 */
class State implements UserPropertyOperationVisitor {
  readonly changes: UserPropertyChange[] = [];
  private properties: Record<string, unknown>;
  private copied = false;
  private deleted = false;

  constructor(current: Record<string, unknown>) {
    this.properties = current;
  }

  visit(operation: UserPropertyOperation, key: string, value: unknown): void {
    const change = applyOperation(operation, key, value, this);
    if (change !== undefined) this.changes.push(change);
  }

  has(key: string): boolean {
    return Object.hasOwn(this.properties, key);
  }

  /** The property's value; undefined when missing (never an inherited member such as `constructor`). */
  get(key: string): unknown {
    return Object.hasOwn(this.properties, key) ? this.properties[key] : undefined;
  }

  set(key: string, value: unknown): void {
    if (Object.hasOwn(this.properties, key) && Object.is(this.properties[key], value)) return;
    const properties = this.writable();
    setOwn(properties, key, value);
  }

  delete(key: string): void {
    if (!Object.hasOwn(this.properties, key)) return;
    delete this.writable()[key];
    this.deleted = true;
  }

  result(): Record<string, unknown> {
    // A deletion turns an object into a slow dictionary; the next event's copy and the JSON
    // serialisation of the profile are faster on a fresh one (same keys, same order).
    return this.deleted ? { ...this.properties } : this.properties;
  }

  private writable(): Record<string, unknown> {
    if (!this.copied) {
      // Spreading defines properties: an own `__proto__` is copied as data.
      this.properties = { ...this.properties };
      this.copied = true;
    }
    return this.properties;
  }
}

function applyOperation(operation: UserPropertyOperation, key: string, value: unknown, state: State): UserPropertyChange | undefined {
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
      return addNumber(key, value as number, state.get(key), state);
    case '$append':
    case '$prepend':
      return extendList(operation, key, toList(value), state.get(key), state);
    case '$preInsert':
    case '$postInsert':
      return insertMissing(operation, key, toList(value), state.get(key), state);
    case '$remove':
      return removeValues(key, toList(value), state.get(key), state);
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
