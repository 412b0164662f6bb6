/**
 * Events can be processed out of order (retries, several workers). A value written by an older
 * event must never replace one written by a newer event: writes ($set, $setOnce, $unset and
 * plain keys) to a property last written by a newer event are dropped. Relative operations
 * ($add, $append, $remove, ...) commute closely enough and always apply.
 *
 * Both run for every event that changes a profile, and an event usually is the newest writer of
 * what it writes: each hands back its input unchanged unless something is dropped or a time moves.
 */
import type { UserPropertyChange } from '@/lib/amplitude';
import { hasOwnProperty, setOwn } from '@/lib/json/own-keys';

const WRITES = new Set(['$set', '$setOnce', '$unset']);

export type PropertyTimes = Record<string, number>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isNewer = (times: PropertyTimes, key: string, eventTime: number) => Object.hasOwn(times, key) && times[key]! > eventTime;

/** `userProperties` without its writes to properties last written after `eventTime` (itself when there are none). */
export function withoutStaleWrites(userProperties: Record<string, unknown>, times: PropertyTimes, eventTime: number): Record<string, unknown> {
  return hasStaleWrite(userProperties, times, eventTime) ? dropStaleWrites(userProperties, times, eventTime) : userProperties;
}

function hasStaleWrite(userProperties: Record<string, unknown>, times: PropertyTimes, eventTime: number): boolean {
  for (const op in userProperties) {
    if (!hasOwnProperty.call(userProperties, op)) continue;
    const value = userProperties[op];
    if (!op.startsWith('$')) {
      if (isNewer(times, op, eventTime)) return true;
    } else if (WRITES.has(op) && isObject(value)) {
      for (const key in value) if (hasOwnProperty.call(value, key) && isNewer(times, key, eventTime)) return true;
    } else if (op === '$unset' && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const key: unknown = value[i];
        if (typeof key === 'string' && isNewer(times, key, eventTime)) return true;
      }
    }
  }
  return false;
}

function dropStaleWrites(userProperties: Record<string, unknown>, times: PropertyTimes, eventTime: number): Record<string, unknown> {
  const newer = (key: string) => isNewer(times, key, eventTime);
  const out: Record<string, unknown> = {};
  for (const [op, value] of Object.entries(userProperties)) {
    if (!op.startsWith('$')) {
      if (!newer(op)) Object.defineProperty(out, op, { value, enumerable: true, writable: true, configurable: true });
    } else if (WRITES.has(op) && isObject(value)) {
      out[op] = Object.fromEntries(Object.entries(value).filter(([k]) => !newer(k)));
    } else if (op === '$unset' && Array.isArray(value)) {
      out[op] = value.filter((k) => typeof k !== 'string' || !newer(k));
    } else {
      out[op] = value;
    }
  }
  return out;
}

/**
 * Records `eventTime` for every property the event wrote (set or unset); `times` itself when
 * none of them moves, else a copy.
 */
export function recordWriteTimes(times: PropertyTimes, changes: readonly UserPropertyChange[], eventTime: number): PropertyTimes {
  let next = times;
  for (let i = 0; i < changes.length; i++) {
    const { key, op } = changes[i]!;
    if (op !== 'set' && op !== 'unset') continue;
    // A time at least as new stays.
    if (Object.hasOwn(next, key) && !(next[key]! < eventTime)) continue;
    // Spreading defines properties: an own `__proto__` is copied as data.
    if (next === times) next = { ...times };
    setOwn(next, key, eventTime);
  }
  return next;
}
