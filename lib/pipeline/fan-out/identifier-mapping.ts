import type { IdentifierMapping } from '@/lib/braze';
import type { RuntimeSync } from '@/lib/syncs/runtime';

const TYPES = {
  EXTERNAL_ID: 'external_id',
  BRAZE_ID: 'braze_id',
  EMAIL: 'email',
  USER_ALIAS: 'user_alias',
} as const;

/** The sync's saved mapping in the Braze folder's terms. */
export function identifierMappingOf(sync: Pick<RuntimeSync, 'identifier'>): IdentifierMapping {
  const { property, type, aliasLabel } = sync.identifier;
  if (type === 'USER_ALIAS') return { property, type: 'user_alias', aliasLabel: aliasLabel ?? '' };
  return { property, type: TYPES[type] };
}
