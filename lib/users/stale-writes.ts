/**
 * Events can be processed out of order (retries, several workers). A value written by an older
 * event must never replace one written by a newer event: writes ($set, $setOnce, $unset and
 * plain keys) to a property last written by a newer event are dropped. Relative operations
 * ($add, $append, $remove, ...) commute closely enough and always apply.
 */
const WRITES = new Set(['$set', '$setOnce', '$unset']);

export type PropertyTimes = Record<string, number>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function withoutStaleWrites(userProperties: Record<string, unknown>, times: PropertyTimes, eventTime: number): Record<string, unknown> {
  const newer = (key: string) => Object.hasOwn(times, key) && times[key]! > eventTime;
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

/** Records `eventTime` for every property the event wrote (set or unset). */
export function recordWriteTimes(times: PropertyTimes, writtenKeys: readonly string[], eventTime: number): PropertyTimes {
  const next: PropertyTimes = { ...times };
  for (const key of writtenKeys) {
    if (!Object.hasOwn(next, key) || next[key]! < eventTime) {
      Object.defineProperty(next, key, { value: eventTime, enumerable: true, writable: true, configurable: true });
    }
  }
  return next;
}
