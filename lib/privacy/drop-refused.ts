/**
 * Events of a deleted user that were already accepted when the deletion came: fan-out drops
 * those still in the ingest queue, and a delivery job leaves out its objects of that user when
 * it runs (queued, retrying or held), so nothing of the user reaches Braze after its deletion.
 */
import type { DeliverItem, DeliverJob } from '@/lib/queue/contracts';
import type { RefusedUserLookup } from '@/lib/privacy/refused-users';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export function dropRefusedEvents<T extends Record<string, unknown>>(projectId: string, events: T[], refused: RefusedUserLookup): T[] {
  return events.filter((e) => !refused.isRefused(projectId, typeof e.user_id === 'string' ? e.user_id : undefined));
}

export async function dropRefusedItems(
  data: Pick<DeliverJob, 'syncId' | 'items'>,
  loadSync: (id: string) => Promise<RuntimeSync | null>,
  refused: RefusedUserLookup,
): Promise<DeliverItem[]> {
  if (!data.items.some((i) => i.userId)) return data.items;
  const sync = await loadSync(data.syncId);
  if (!sync) return data.items;
  return data.items.filter((i) => !refused.isRefused(sync.projectId, i.userId));
}
