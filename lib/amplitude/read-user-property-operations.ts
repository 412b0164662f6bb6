/**
 * Splits a `user_properties` map into its operations (https://amplitude.com/docs/apis/analytics/identify,
 * "user_properties supported operations"). Plain keys count as `$set`: non-identify events carry
 * plain user properties. Entries an operation cannot apply are dropped here, before they claim
 * their property, as the SDKs' Identify builder does (`$add` needs a number).
 */
import { isJsonObject } from '@/lib/amplitude/sanitize-json-value';

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

const OPERATIONS: ReadonlySet<string> = new Set(ORDERED_OPERATIONS);

export interface ReadOperations {
  clearAll: boolean;
  entries: Map<UserPropertyOperation, [key: string, value: unknown][]>;
}

export function readUserPropertyOperations(userProperties: Record<string, unknown>): ReadOperations {
  const entries = new Map<UserPropertyOperation, [string, unknown][]>();
  const plain: [string, unknown][] = [];
  let clearAll = false;
  for (const key of Object.keys(userProperties)) {
    const value = userProperties[key];
    if (key === '$clearAll') clearAll = true;
    else if (OPERATIONS.has(key)) entries.set(key as UserPropertyOperation, readOperationEntries(key as UserPropertyOperation, value));
    // Unknown `$` keys are operations we do not know, not properties.
    else if (!key.startsWith('$')) plain.push([key, value]);
  }
  if (plain.length > 0) entries.set('$set', [...(entries.get('$set') ?? []), ...plain]);
  return { clearAll, entries };
}

function readOperationEntries(operation: UserPropertyOperation, value: unknown): [string, unknown][] {
  // `$unset` is conventionally `{key: "-"}`; some clients send a list of keys instead.
  if (operation === '$unset' && Array.isArray(value)) {
    return value.filter((key): key is string => typeof key === 'string').map((key) => [key, '-']);
  }
  if (!isJsonObject(value)) return [];
  const entries = Object.entries(value);
  return operation === '$add' ? entries.filter(([, delta]) => typeof delta === 'number' && Number.isFinite(delta)) : entries;
}
