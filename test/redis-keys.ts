/**
 * Redis housekeeping of a benchmark or test run: everything it wrote lives under its own key
 * prefix (and, for a test run, its rigs' `<prefix>-<name>` prefixes).
 */
import { masterNodes, type RedisClient } from '@/lib/queue/connection';

/**
 * Deletes every key under `prefix:` and its partitions' `{prefix:p<n>}` with SCAN + UNLINK
 * (never KEYS, never blocking Redis), on every master of a cluster (SCAN walks one node's keys).
 * With `subPrefixes`, also those of every `prefix-<name>`. Returns how many.
 */
export async function deleteKeysWithPrefix(redis: RedisClient, prefix: string, opts: { subPrefixes?: boolean } = {}): Promise<number> {
  if (!/^[A-Za-z0-9_-]+$/.test(prefix)) throw new Error(`refusing to delete keys of an unusual prefix: "${prefix}"`);
  const matches = [`${prefix}:*`, `{${prefix}:p*`, ...(opts.subPrefixes ? [`${prefix}-*`, `{${prefix}-*`] : [])];
  let deleted = 0;
  for (const node of masterNodes(redis)) {
    for (const match of matches) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000);
        cursor = next;
        // One UNLINK per key: on a cluster the keys of one SCAN page may be in different slots.
        if (keys.length > 0) deleted += (await Promise.all(keys.map((key) => node.unlink(key)))).reduce((a, b) => a + b, 0);
      } while (cursor !== '0');
    }
  }
  return deleted;
}
