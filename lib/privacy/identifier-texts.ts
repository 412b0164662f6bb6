/**
 * The text by which a user shows in one sync's delivery log (lib/pipeline/deliver/delivery-log): its
 * Braze identifier under the sync's mapping. Worked out when the deletion is recorded, while the
 * profile (which a mapping to a user property reads) still exists.
 */
import { resolveIdentifier } from '@/lib/braze';
import type { Sync } from '@/lib/generated/prisma/client';
import { identifierMappingOf } from '@/lib/pipeline/fan-out/identifier-mapping';
import type { DeletedUser } from '@/lib/privacy/delete-bodies';

export type MappedSync = Pick<Sync, 'id' | 'identifierProperty' | 'identifierType' | 'aliasLabel'>;

export function mappingOfSync(sync: MappedSync) {
  return identifierMappingOf({ identifier: { property: sync.identifierProperty, type: sync.identifierType, aliasLabel: sync.aliasLabel ?? undefined } });
}

/** Per sync id, the identifier texts of the users (users without one are left out). */
export function identifierTextsBySync(syncs: readonly MappedSync[], users: readonly DeletedUser[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const sync of syncs) {
    const mapping = mappingOfSync(sync);
    out[sync.id] = users.flatMap((user) => {
      const id = resolveIdentifier({ event_type: '', time: 0, user_id: user.userId, user_properties: user.properties }, mapping);
      if (!id) return [];
      if ('user_alias' in id) return [id.user_alias.alias_name];
      return [Object.values(id)[0] as string];
    });
  }
  return out;
}
