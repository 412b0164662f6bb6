import type { RouteInput } from '@/test/fakes/braze/http/route-types';
import { jsonReply, type Reply } from '@/test/fakes/braze/http/reply';
import { isPlainObject } from '@/test/fakes/braze/json-values';
import { describeProfile, pickFields } from '@/test/fakes/braze/profiles/describe-profile';
import { findProfile, type Profile } from '@/test/fakes/braze/profiles/profile-store';
import { readUserAlias } from '@/test/fakes/braze/track/identifiers';
import { readList } from '@/test/fakes/braze/users/request-lists';

const EXPORT_KEYS = ['external_ids', 'user_aliases', 'braze_id', 'email_address', 'phone'];

/**
 * POST /users/export/ids, so tests can read state back (braze-api.md §10.1). Takes
 * `external_ids`, `user_aliases` (≤ 50 each), `braze_id`, `email_address`, `phone` and an optional
 * `fields_to_export`; answers `{users, invalid_user_ids?, message}`.
 */
export function handleExportIds({ state, body }: RouteInput): Reply {
  const externalIds = readList(body, 'external_ids');
  const aliases = readList(body, 'user_aliases');
  const fields = readList(body, 'fields_to_export', Infinity);
  if (!externalIds.ok) return jsonReply(400, { message: externalIds.message });
  if (!aliases.ok) return jsonReply(400, { message: aliases.message });
  if (!fields.ok) return jsonReply(400, { message: fields.message });
  const input = isPlainObject(body) ? body : {};
  if (!EXPORT_KEYS.some((key) => key in input)) return jsonReply(400, { message: 'an identifier to export is required' });
  const found = new Set<Profile>();
  const invalid: string[] = [];
  for (const id of externalIds.items ?? []) {
    const profile = typeof id === 'string' ? findProfile(state.store, { kind: 'external_id', value: id }) : undefined;
    if (profile) found.add(profile);
    else invalid.push(String(id));
  }
  for (const item of aliases.items ?? []) {
    const alias = readUserAlias(item);
    const profile = alias ? findProfile(state.store, { kind: 'user_alias', alias }) : undefined;
    if (profile) found.add(profile);
  }
  for (const [field, kind] of [['braze_id', 'braze_id'], ['email_address', 'email'], ['phone', 'phone']] as const) {
    const value = input[field];
    const profile = typeof value === 'string' ? findProfile(state.store, { kind, value }) : undefined;
    if (profile) found.add(profile);
  }
  const wanted = fields.items?.map(String);
  const users = [...found].map((profile) => pickFields(describeProfile(profile), wanted));
  return jsonReply(201, { users, ...(invalid.length > 0 ? { invalid_user_ids: invalid } : {}), message: 'success' });
}
