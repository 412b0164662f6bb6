import type { RouteInput } from '@/test/fakes/braze/http/route-types';
import { jsonReply, type Reply } from '@/test/fakes/braze/http/reply';
import { isPlainObject } from '@/test/fakes/braze/json-values';
import { createProfile, findProfile, setAlias } from '@/test/fakes/braze/profiles/profile-store';
import { readUserAlias } from '@/test/fakes/braze/track/identifiers';
import { readList } from '@/test/fakes/braze/users/request-lists';

const INVALID_ENTRY = "each user alias needs 'alias_name' and 'alias_label' strings and an optional 'external_id' string";

/**
 * POST /users/alias/new (braze-api.md §7.1): with external_id the alias joins that user (or
 * nobody, when the user does not exist); without it a new alias-only user is created.
 */
export function handleAliasNew({ state, body }: RouteInput): Reply {
  const list = readList(body, 'user_aliases');
  if (!list.ok) return jsonReply(400, { message: list.message });
  if (!list.items) return jsonReply(400, { message: "'user_aliases' is required" });
  const entries = list.items.map((item) => ({
    alias: readUserAlias(item),
    externalId: isPlainObject(item) ? item.external_id : undefined,
  }));
  if (entries.some(({ alias, externalId }) => !alias || (externalId !== undefined && typeof externalId !== 'string'))) {
    return jsonReply(400, { message: INVALID_ENTRY });
  }
  for (const { alias, externalId } of entries) {
    if (!alias) continue;
    const identifier = { kind: 'user_alias', alias } as const;
    if (findProfile(state.store, identifier)) continue; // an alias names one profile only
    if (typeof externalId === 'string') {
      const owner = findProfile(state.store, { kind: 'external_id', value: externalId });
      if (owner) setAlias(state.store, owner, alias);
    } else {
      createProfile(state.store, identifier);
    }
  }
  return jsonReply(201, { aliases_processed: entries.length, message: 'success' });
}
