/**
 * This product's own copies of deleted users, removed: stored profiles (`u:<user_id>`), dead
 * letters, and per sync the devices linked to the user (anonymous devices identified as it), the
 * attribute cache, the user's lease and pending updates, and the user's objects in the delivery
 * log. Safe to run again (a retried step finds less to remove).
 * Delivery jobs still queued are not rewritten here: delivery leaves out the objects of refused
 * users when the job runs (lib/privacy/refused-users), so nothing of them is sent.
 */
import type { RedisClient } from '@/lib/queue/connection';
import { prisma } from '@/lib/db/prisma';
import { forgetSentValues } from '@/lib/pipeline/state/attribute-cache';
import type { UserLeases } from '@/lib/pipeline/state/user-leases';
import { purgeDeliveryLog } from '@/lib/privacy/delivery-log-purge';
import { forgetAnonymousDevices } from '@/lib/anonymous/device-links';

export interface PurgePayload {
  userIds: string[];
  /** Per sync id: the users' identifiers as they show in its delivery log. */
  logIdentifiers: Record<string, string[]>;
}

export interface PurgeDeps {
  redis: RedisClient;
  /** QUEUE_PREFIX: the delivery log's. */
  prefix: string;
  /** Where a user's attribute cache, lease and pending updates are: the user's partition (lib/queue/partitions). */
  userState: (projectId: string, userKey: string) => { prefix: string; leases: Pick<UserLeases, 'forgetUser'> };
}

export interface PurgeSummary {
  profiles: number;
  deadLetters: number;
  deviceLinks: number;
  logEntries: number;
  syncs: number;
}

export async function purgeUsers(projectId: string, payload: PurgePayload, deps: PurgeDeps): Promise<PurgeSummary> {
  const userKeys = payload.userIds.map((u) => `u:${u}`);
  const syncs = await prisma().sync.findMany({ where: { projectId }, select: { id: true } });
  const [profiles, deadLetters] = await prisma().$transaction([
    prisma().userProfile.deleteMany({ where: { projectId, userKey: { in: userKeys } } }),
    prisma().deadLetter.deleteMany({ where: { sync: { projectId }, userId: { in: payload.userIds } } }),
  ]);
  // Devices are linked by the external ID each sync's mapping gave the user (lib/anonymous owns the links).
  const deviceLinks = await forgetAnonymousDevices(projectId, [...new Set(Object.values(payload.logIdentifiers).flat())]);
  let logEntries = 0;
  for (const { id: syncId } of syncs) {
    const identifiers = payload.logIdentifiers[syncId] ?? [];
    await Promise.all(
      userKeys.flatMap((userKey) => {
        const state = deps.userState(projectId, userKey);
        return [forgetSentValues(deps.redis, state.prefix, syncId, userKey), state.leases.forgetUser(syncId, userKey)];
      }),
    );
    logEntries += await purgeDeliveryLog(deps.redis, deps.prefix, syncId, identifiers);
  }
  return { profiles: profiles.count, deadLetters: deadLetters.count, deviceLinks, logEntries, syncs: syncs.length };
}

export function describePurge(s: PurgeSummary): string {
  return `Removed ${s.profiles} stored profile(s), ${s.deadLetters} dead letter(s), ${s.deviceLinks} device link(s) and ${s.logEntries} delivery log entr${s.logEntries === 1 ? 'y' : 'ies'}; attribute cache, leases and pending updates cleared in ${s.syncs} sync(s).`;
}
