import type { IdentifierMapping } from '@/lib/braze/config-schemas';
import { findUserProperty, MISSING, type SourceEvent } from '@/lib/braze/source-event';
import type { BrazeIdentifier } from '@/lib/braze/types';

function readMappedValue(event: SourceEvent, property: string): unknown {
  if (property === 'user_id') return event.user_id;
  if (property === 'device_id') return event.device_id;
  const value = findUserProperty(event, property);
  return value === MISSING ? undefined : value;
}

/** Identifier text, or null for absent, blank or non-scalar values. Numbers become text. */
function toIdentifierText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  // Kept as given, not trimmed: Braze matches IDs and alias names exactly (§2.2).
  return value;
}

/**
 * The Braze identifier for `event` under `mapping`, or null when the mapped field is empty,
 * in which case Braze would reject the object (braze-api.md §2.2: every object needs one).
 */
export function resolveIdentifier(event: SourceEvent, mapping: IdentifierMapping): BrazeIdentifier | null {
  const text = toIdentifierText(readMappedValue(event, mapping.property));
  if (text === null) return null;
  switch (mapping.type) {
    case 'external_id':
      return { external_id: text };
    case 'braze_id':
      return { braze_id: text };
    case 'email':
      return { email: text };
    case 'user_alias': {
      const label = mapping.aliasLabel.trim();
      return label === '' ? null : { user_alias: { alias_name: text, alias_label: label } };
    }
  }
}
