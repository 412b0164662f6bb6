/**
 * Turns ingested events into the Braze objects one sync sends, and counts what it leaves out:
 * `filtered` (not selected, or Send Events off) and `skipped` (no value for the mapped user ID).
 */
import { buildBrazeEvent, resolveIdentifier, selectProperties } from '@/lib/braze';
import type { AmplitudeEvent } from '@/lib/amplitude';
import { matchesSelection } from '@/lib/pipeline/filter';
import { identifierMappingOf } from '@/lib/pipeline/identifier-mapping';
import type { DeliverItem } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export interface BuiltItems {
  items: DeliverItem[];
  filtered: number;
  skipped: number;
  /** Events Braze could never accept (e.g. a time outside Date's range), with the reason. */
  invalid: { event: AmplitudeEvent; reason: string }[];
}

const IDENTIFY_TYPES = new Set(['$identify', '$groupidentify']);

export function buildItemsForSync(sync: RuntimeSync, events: AmplitudeEvent[], receivedAt: number): BuiltItems {
  const out: BuiltItems = { items: [], filtered: 0, skipped: 0, invalid: [] };
  const mapping = identifierMappingOf(sync);
  for (const event of events) {
    // Identify calls are not events: they reach Braze only as user updates (Send Users).
    if (IDENTIFY_TYPES.has(event.event_type)) continue;
    if (!sync.sendEvents || !matchesSelection(event, sync.eventSelection)) {
      out.filtered++;
      continue;
    }
    const identifier = resolveIdentifier(event, mapping);
    if (!identifier) {
      out.skipped++;
      continue;
    }
    const { properties } = selectProperties(event, sync.eventProperties);
    const built = buildBrazeEvent(event, {
      identifier,
      appId: sync.appId,
      properties,
      updateExistingOnly: sync.updateUsersOnly,
    });
    if (!built.ok) {
      out.invalid.push({ event, reason: built.reason });
      continue;
    }
    out.items.push({
      kind: 'events',
      object: built.event,
      receivedAt,
      eventType: event.event_type,
      userId: event.user_id,
      insertId: event.insert_id,
    });
  }
  return out;
}
