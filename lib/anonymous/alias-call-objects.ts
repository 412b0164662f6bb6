// Reads the identify and merge calls the delivery log keeps (lib/anonymous/identify-sender).

/**
 * The user objects an identify or merge call named, as the delivery log's search by user reads
 * them: each alias and the external_id it went to.
 */
export function aliasCallObjectsOf(call: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const list = call?.aliases_to_identify ?? call?.merge_updates;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: Record<string, unknown>) => {
    const merged = entry.identifier_to_merge as Record<string, unknown> | undefined;
    const kept = entry.identifier_to_keep as Record<string, unknown> | undefined;
    return merged && kept ? [kept, merged] : [{ external_id: entry.external_id }, { user_alias: entry.user_alias }];
  });
}
