/**
 * Reads a `user_properties` map as its operations (https://amplitude.com/docs/apis/analytics/identify,
 * "user_properties supported operations"). Plain keys count as `$set`: non-identify events carry
 * plain user properties. Entries an operation cannot apply are dropped here, before they claim
 * their property, as the SDKs' Identify builder does (`$add` needs a number); each property is
 * then claimed by its first operation in Amplitude's order.
 *
 * Every ingested event's operations are read, so the map is walked in place and each entry handed
 * to a visitor, with no lists of entries built on the way.
 */
import { isJsonObject } from '@/lib/amplitude/sanitize-json-value';
import { hasOwnProperty } from '@/lib/json/own-keys';

export type UserPropertyOperation =
  | '$set'
  | '$setOnce'
  | '$add'
  | '$append'
  | '$prepend'
  | '$preInsert'
  | '$postInsert'
  | '$remove'
  | '$unset';

/**
 * The order Amplitude applies operations in, after `$clearAll` (Amplitude-TypeScript `identify.ts`,
 * OrderedIdentifyOperations, which mirrors the server). A property is claimed by the first one.
 */
export const ORDERED_OPERATIONS: readonly UserPropertyOperation[] = [
  '$unset',
  '$set',
  '$setOnce',
  '$add',
  '$append',
  '$prepend',
  '$preInsert',
  '$postInsert',
  '$remove',
];

/** Each operation's bit, by its place in ORDERED_OPERATIONS. */
const OPERATION_BITS: ReadonlyMap<string, number> = new Map(ORDERED_OPERATIONS.map((operation, i) => [operation, 1 << i]));
const UNSET_BIT = OPERATION_BITS.get('$unset')!;

export interface UserPropertyOperationVisitor {
  /** Called once per property, with the operation that claimed it. */
  visit(operation: UserPropertyOperation, key: string, value: unknown): void;
}

/** `$clearAll` removes every property and voids the map's other operations, whatever its value. */
export function hasClearAll(userProperties: Record<string, unknown>): boolean {
  return Object.hasOwn(userProperties, '$clearAll');
}

/** Hands each property `userProperties` operates on to `visitor`, in Amplitude's operation order. */
export function visitUserPropertyOperations(userProperties: Record<string, unknown>, visitor: UserPropertyOperationVisitor): void {
  let present = 0;
  let sources = 0;
  let plain = false;
  for (const key in userProperties) {
    if (!hasOwnProperty.call(userProperties, key)) continue;
    const bit = OPERATION_BITS.get(key);
    if (bit !== undefined) {
      present |= bit;
      sources++;
    }
    // Unknown `$` keys are operations we do not know, not properties.
    else if (!key.startsWith('$')) plain = true;
  }
  if (plain) sources++;
  // Keys of one object are unique: a property can come twice only from two operations (plain
  // keys being one more), or from a `$unset` list. The usual event has a single operation.
  const unsetList = (present & UNSET_BIT) !== 0 && Array.isArray(userProperties.$unset);
  const claimed = sources > 1 || unsetList ? new Set<string>() : null;
  for (let i = 0; i < ORDERED_OPERATIONS.length; i++) {
    const operation = ORDERED_OPERATIONS[i]!;
    if ((present & (1 << i)) !== 0) visitOperation(operation, userProperties[operation], claimed, visitor);
    // Plain keys come after the explicit `$set`, which wins over them.
    if (operation === '$set' && plain) visitPlainKeys(userProperties, claimed, visitor);
  }
}

function visitOperation(operation: UserPropertyOperation, value: unknown, claimed: Set<string> | null, visitor: UserPropertyOperationVisitor): void {
  // `$unset` is conventionally `{key: "-"}`; some clients send a list of keys instead.
  if (operation === '$unset' && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const key: unknown = value[i];
      if (typeof key === 'string' && claim(claimed, key)) visitor.visit(operation, key, '-');
    }
    return;
  }
  if (!isJsonObject(value)) return;
  for (const key in value) {
    if (!hasOwnProperty.call(value, key)) continue;
    const entry = value[key];
    if (operation === '$add' && !(typeof entry === 'number' && Number.isFinite(entry))) continue;
    if (claim(claimed, key)) visitor.visit(operation, key, entry);
  }
}

function visitPlainKeys(userProperties: Record<string, unknown>, claimed: Set<string> | null, visitor: UserPropertyOperationVisitor): void {
  for (const key in userProperties) {
    if (hasOwnProperty.call(userProperties, key) && !key.startsWith('$') && claim(claimed, key)) visitor.visit('$set', key, userProperties[key]);
  }
}

/** Whether `key` is not claimed yet (and is now); without `claimed`, no key can come twice. */
function claim(claimed: Set<string> | null, key: string): boolean {
  if (claimed === null) return true;
  if (claimed.has(key)) return false;
  claimed.add(key);
  return true;
}
