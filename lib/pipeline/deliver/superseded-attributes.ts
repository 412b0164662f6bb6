/**
 * Just before sending, attribute values that this sync has meanwhile sent from a newer event are
 * taken out of the request: a delivery that was retried, or overtaken by another worker, must
 * not put an older value back in Braze.
 */
import { cachedEntryOf, readCacheEntry, type SentValues } from '@/lib/pipeline/state/attribute-cache';
import type { DeliverItem } from '@/lib/queue/contracts';

export function pruneSupersededAttributes(items: DeliverItem[], sent: SentValues): { items: DeliverItem[]; superseded: number } {
  let superseded = 0;
  const kept: DeliverItem[] = [];
  for (const item of items) {
    if (!item.remember) {
      kept.push(item);
      continue;
    }
    const last = sent.get(item.remember.userKey) ?? {};
    const set: [string, string][] = [];
    const object = { ...item.object };
    for (const [field, entry] of Object.entries(item.remember.set)) {
      const mine = readCacheEntry(entry);
      const theirs = cachedEntryOf(last, field);
      if (mine && theirs && theirs.time > mine.time) {
        delete object[field];
        superseded++;
      } else set.push([field, entry]);
    }
    // fromEntries defines own properties: an attribute named `__proto__` stays an attribute.
    if (set.length > 0) kept.push({ ...item, object, remember: { ...item.remember, set: Object.fromEntries(set) } });
  }
  return { items: kept, superseded };
}
