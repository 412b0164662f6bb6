/**
 * The preview's share of the attribute type guard: the same guard as delivery, with the sync's
 * stored workspace schema (or first types), so a converted or held-back attribute shows as it
 * will be sent; and the date-looking strings of the request, which Braze stores as times.
 */
import { isDateLike, NON_CUSTOM_FIELDS } from '@/lib/braze/attribute-guard';
import { env } from '@/lib/env';
import { createAttributeGuard, type GuardOutcome } from '@/lib/pipeline/guard/guard-items';
import { WorkspaceSchemas } from '@/lib/pipeline/guard/workspace-schema';
import type { DeliverItem } from '@/lib/queue/contracts';
import { readStoredRestApiKey } from '@/lib/syncs/repository';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import type { PreviewInput } from '@/lib/syncs/schema';

/** A string value Braze will take for a time. */
export type DateLikeValue = { where: string; value: string };

let schemas: WorkspaceSchemas | undefined;

function previewSchemas(): WorkspaceSchemas {
  const config = env();
  schemas ??= new WorkspaceSchemas({ fetch, timeoutMs: config.BRAZE_REQUEST_TIMEOUT_MS, allowedEndpoints: config.BRAZE_CUSTOM_ENDPOINTS });
  return schemas;
}

/**
 * The preview's items through the guard, as the worker would send them. Without a key to ask
 * Braze with (a new sync whose key is not typed yet) they go unguarded. The preview never stores
 * a first type: only what is really sent may decide an attribute's type.
 */
export async function guardPreviewItems(
  projectId: string,
  input: PreviewInput,
  sync: RuntimeSync,
  items: DeliverItem[],
): Promise<GuardOutcome> {
  const restApiKey = input.settings.restApiKey ?? (input.syncId ? await readStoredRestApiKey(projectId, input.syncId) : undefined);
  if (!restApiKey) return { items, heldBack: [] };
  const guard = createAttributeGuard(previewSchemas(), { rememberFirstTypes: false });
  return guard({ ...sync, id: input.syncId ?? sync.id, restApiKey }, items);
}

/** Custom attributes and event properties whose string value Braze will store as a time. */
export function findDateLikeValues(items: readonly DeliverItem[]): DateLikeValue[] {
  const found: DateLikeValue[] = [];
  for (const item of items) {
    const where = item.kind === 'attributes' ? 'Attribute' : 'Event property';
    const fields = item.kind === 'attributes' ? item.object : (item.object.properties as Record<string, unknown> | undefined) ?? {};
    for (const [key, value] of Object.entries(fields)) {
      if (item.kind === 'attributes' && NON_CUSTOM_FIELDS.has(key)) continue;
      if (typeof value === 'string' && isDateLike(value)) found.push({ where: `${where} "${key}"`, value });
    }
  }
  return found;
}
