/**
 * The sync moves to a stricter object limit when Braze refuses a request as too many objects
 * (braze-api.md §2.1: MAU contracts allow 50, not 75). Stored on the sync with when and from
 * which mode, so fan-out packs to the new limit from then on and the sync page says so. Written
 * with raw SQL so it is not taken for a settings change (which would lift a pause).
 */
import { prisma } from '@/lib/db/prisma';
import { childLogger } from '@/lib/log/logger';
import { stricterObjectLimitMode } from '@/lib/syncs/guard-status';
import { forgetRuntimeSyncs, type RuntimeSync } from '@/lib/syncs/runtime';

const log = childLogger('object-limit');

export async function switchToStricterObjectLimit(sync: Pick<RuntimeSync, 'id' | 'objectLimitMode'>): Promise<RuntimeSync['objectLimitMode'] | null> {
  const to = stricterObjectLimitMode(sync.objectLimitMode);
  if (to === null) return null;
  const changed = await prisma().$executeRaw`
    UPDATE syncs SET object_limit_mode = ${to}, object_limit_switched_at = now(), object_limit_switched_from = ${sync.objectLimitMode}
    WHERE id = ${sync.id} AND object_limit_mode = ${sync.objectLimitMode}`;
  if (changed > 0) log.warn({ syncId: sync.id, from: sync.objectLimitMode, to }, 'Braze refused a request as too many objects; the sync now uses the stricter object limit');
  // This process's cached settings carry the old mode: read them again.
  forgetRuntimeSyncs();
  return to;
}
