/**
 * The per-project user profile store: Amplitude's user-property operations ($set, $add, $append,
 * $clearAll, ...) applied in the order received, so user forwarding can send current values and
 * knows exactly what changed. Two statements per ingested batch (read, then a conditional write:
 * lib/users/profile-rows), so two workers updating the same user apply their changes one after
 * the other, never interleaved.
 */
import { applyUserPropertyOperations, type UserPropertyChange } from '@/lib/amplitude';
import { applyLocked, isWriteConflict, NO_ROW, readProfiles, writeIfUnchanged, type StoredProfile } from '@/lib/users/profile-rows';
import { recordWriteTimes, withoutStaleWrites } from '@/lib/users/stale-writes';

export interface ProfileUpdate {
  /** Position of the event in its batch; the result is keyed by it. */
  index: number;
  /** The event's own time (ms): decides which of two writes to a property is the newer. */
  time: number;
  userKey: string;
  userProperties: Record<string, unknown>;
}

export interface ProfileSource {
  event_type: string;
  time: number;
  user_id?: string;
  device_id?: string;
  user_properties?: Record<string, unknown>;
  $skip_user_properties_sync?: boolean;
}

/** "u:<user_id>", or "d:<device_id>" for a user known only by device. */
export function userKeyOf(e: Pick<ProfileSource, 'user_id' | 'device_id'>): string | null {
  if (e.user_id) return `u:${e.user_id}`;
  if (e.device_id) return `d:${e.device_id}`;
  return null;
}

export function profileUpdatesOf(events: readonly ProfileSource[]): ProfileUpdate[] {
  const updates: ProfileUpdate[] = [];
  events.forEach((e, index) => {
    if (e.event_type === '$groupidentify' || e.$skip_user_properties_sync === true) return;
    const props = e.user_properties;
    const userKey = userKeyOf(e);
    if (!userKey || !props || Object.keys(props).length === 0) return;
    updates.push({ index, time: e.time, userKey, userProperties: props });
  });
  return updates;
}

/** Optimistic rounds before a user's updates take the row lock instead (a very hot user). */
const OPTIMISTIC_ROUNDS = 4;

/**
 * Applies `updates` in order to the stored profiles, optimistically: read the profiles, compute
 * in memory, write back only rows still at the version read (two round trips, no transaction
 * held open). The updates of users whose rows changed meanwhile are recomputed from the new
 * values, so two concurrent jobs' updates of one user are both applied, one after the other.
 */
export async function applyProfileUpdates(
  projectId: string,
  updates: readonly ProfileUpdate[],
): Promise<Map<number, UserPropertyChange[]>> {
  const changes = new Map<number, UserPropertyChange[]>();
  let remaining = updates;
  for (let round = 0; remaining.length > 0; round++) {
    const keys = [...new Set(remaining.map((u) => u.userKey))];
    if (round >= OPTIMISTIC_ROUNDS) {
      await applyLocked(projectId, keys, (profiles) => applyInOrder(remaining, profiles, changes));
      break;
    }
    const profiles = await readProfiles(projectId, keys);
    const touched = applyInOrder(remaining, profiles, changes);
    if (touched.size === 0) break;
    let written: Set<string>;
    try {
      written = await writeIfUnchanged(projectId, new Map([...touched].map((k) => [k, profiles.get(k)!])));
    } catch (err) {
      if (!isWriteConflict(err)) throw err;
      written = new Set();
    }
    const lost = new Set([...touched].filter((k) => !written.has(k)));
    remaining = remaining.filter((u) => lost.has(u.userKey));
    for (const u of remaining) changes.delete(u.index);
  }
  return changes;
}

/**
 * Applies each update to its user's profile in `profiles` (added when missing) and records what
 * it changed in `changes`; returns the users whose profile changed.
 */
function applyInOrder(
  updates: readonly ProfileUpdate[],
  profiles: Map<string, StoredProfile>,
  changes: Map<number, UserPropertyChange[]>,
): Set<string> {
  const touched = new Set<string>();
  for (const u of updates) {
    let profile = profiles.get(u.userKey);
    // Every operation is reported, even a $set to the current value: whether a sync already
    // sent that value is decided per sync (lib/pipeline/attribute-cache).
    const ops = withoutStaleWrites(u.userProperties, profile?.times ?? {}, u.time);
    const { next, changes: made } = applyUserPropertyOperations(profile?.properties ?? {}, ops);
    if (made.length === 0) continue;
    profile ??= { properties: {}, times: {}, version: NO_ROW };
    profiles.set(u.userKey, profile);
    const written = made.filter((c) => c.op === 'set' || c.op === 'unset').map((c) => c.key);
    profile.properties = next;
    profile.times = recordWriteTimes(profile.times, written, u.time);
    touched.add(u.userKey);
    changes.set(u.index, made);
  }
  return touched;
}
