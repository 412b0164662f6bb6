/**
 * Turns ingested events into the Braze objects one sync sends, and counts what it leaves out:
 * `filtered` (not selected, or Send Events off) and `skipped` (no value for the mapped user ID).
 * A user's attribute update is placed before that user's event from the same source event, and
 * Braze applies a request's attributes before its events.
 */
import type { AmplitudeEvent, UserPropertyChange } from '@/lib/amplitude';
import { buildBrazeAttributes, buildBrazeEvent, resolveIdentifier, selectProperties, type BrazeIdentifier } from '@/lib/braze';
import { matchesSelection } from '@/lib/pipeline/filter';
import { identifierMappingOf } from '@/lib/pipeline/identifier-mapping';
import { selectedAttributeChanges } from '@/lib/pipeline/user-changes';
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

/** `changes` holds the user-property changes each event made, by its index in `events`. */
export function buildItemsForSync(
  sync: RuntimeSync,
  events: AmplitudeEvent[],
  receivedAt: number,
  changes: ReadonlyMap<number, UserPropertyChange[]> = new Map(),
): BuiltItems {
  const out: BuiltItems = { items: [], filtered: 0, skipped: 0, invalid: [] };
  const mapping = identifierMappingOf(sync);
  events.forEach((event, index) => {
    const identifier = resolveIdentifier(event, mapping);
    const made = changes.get(index);
    if (sync.sendUsers && made && identifier) {
      const item = attributesItem(sync, event, identifier, made, receivedAt);
      if (item) out.items.push(item);
    }
    // Identify calls are not events: they reach Braze only as user updates (Send Users).
    if (IDENTIFY_TYPES.has(event.event_type)) return;
    if (!sync.sendEvents || !matchesSelection(event, sync.eventSelection)) {
      out.filtered++;
      return;
    }
    if (!identifier) {
      out.skipped++;
      return;
    }
    const { properties } = selectProperties(event, sync.eventProperties);
    const built = buildBrazeEvent(event, { identifier, appId: sync.appId, properties, updateExistingOnly: sync.updateUsersOnly });
    if (!built.ok) {
      out.invalid.push({ event, reason: built.reason });
      return;
    }
    out.items.push({ kind: 'events', object: built.event, ...sourceOf(event, receivedAt) });
  });
  return out;
}

function attributesItem(
  sync: RuntimeSync,
  event: AmplitudeEvent,
  identifier: BrazeIdentifier,
  made: UserPropertyChange[],
  receivedAt: number,
): DeliverItem | null {
  const selected = selectedAttributeChanges(made, sync.userProperties);
  if (selected.length === 0) return null;
  const built = buildBrazeAttributes(identifier, selected, { updateUsersOnly: sync.updateUsersOnly });
  if (built.fields.length === 0) return null;
  return { kind: 'attributes', object: built.attributes, ...sourceOf(event, receivedAt) };
}

function sourceOf(event: AmplitudeEvent, receivedAt: number) {
  return { receivedAt, eventType: event.event_type, userId: event.user_id, insertId: event.insert_id };
}
