/**
 * The attribute cache for callers that hold users of several partitions at once (history
 * imports read and write it per request of mixed users): each user's hash is in that user's
 * partition (lib/queue/partitions), so the users are grouped and each group is one pipeline in
 * one slot, as a Redis Cluster requires.
 */
import { loadSentValues, rememberSentValues, type SentValues } from '@/lib/pipeline/state/attribute-cache';
import type { RedisClient } from '@/lib/queue/connection';
import type { Partitions } from '@/lib/queue/partitions';

export interface UsersOfProject {
  redis: RedisClient;
  partitions: Partitions;
  projectId: string;
}

export async function loadSentValuesAcross(at: UsersOfProject, syncId: string, userKeys: readonly string[]): Promise<SentValues> {
  const groups = at.partitions.group(userKeys, (userKey) => at.partitions.ofKey(at.projectId, userKey));
  const parts = await Promise.all([...groups].map(([p, keys]) => loadSentValues(at.redis, at.partitions.prefixOf(p), syncId, keys)));
  return new Map(parts.flatMap((part) => [...part]));
}

export async function rememberSentValuesAcross(
  at: UsersOfProject,
  syncId: string,
  updates: readonly { userKey: string; set: Record<string, string>; unset: string[] }[],
): Promise<void> {
  const groups = at.partitions.group(updates, (u) => at.partitions.ofKey(at.projectId, u.userKey));
  await Promise.all([...groups].map(([p, group]) => rememberSentValues(at.redis, at.partitions.prefixOf(p), syncId, group)));
}
