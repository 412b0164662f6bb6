/**
 * Amplitude's per-event checks (HTTP V2 doc, "Event fields" and "400 Bad Request"): a missing
 * `event_type`, or neither `user_id` nor `device_id`, is a missing field; a `time` that is not
 * epoch milliseconds or an id shorter than `min_id_length` is invalid. Offending indexes are
 * listed per field, every offending index as the Batch doc shows them.
 */
import { requestError, type Reply } from '@/test/fakes/amplitude/answers';
import type { JsonObject } from '@/test/fakes/amplitude/types';

const DEFAULT_MIN_ID_LENGTH = 5;

type IndexesByField = Record<string, number[]>;

function note(into: IndexesByField, field: string, index: number): void {
  (into[field] ??= []).push(index);
}

export interface EventCheckRules {
  minIdLength?: number;
  /** insert_ids the test declared invalid, and under which field they are reported. */
  invalid: { insertIds: ReadonlySet<string>; field: string };
}

/** The 400 answer for these events, or undefined when every event is valid. */
export function checkEvents(events: unknown[], rules: EventCheckRules): Reply | undefined {
  const missing: IndexesByField = {};
  const invalid: IndexesByField = {};
  const idLengths: IndexesByField = {};
  const minIdLength = rules.minIdLength ?? DEFAULT_MIN_ID_LENGTH;
  events.forEach((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return note(invalid, 'event', i);
    const event = raw as JsonObject;
    if (typeof event.event_type !== 'string' || event.event_type === '') note(missing, 'event_type', i);
    if (event.user_id == null && event.device_id == null) note(missing, 'user_id', i);
    for (const id of ['user_id', 'device_id'] as const) {
      if (event[id] != null && (typeof event[id] !== 'string' || event[id].length < minIdLength)) note(idLengths, id, i);
    }
    if (event.time != null && !Number.isInteger(event.time)) note(invalid, 'time', i);
    if (typeof event.insert_id === 'string' && rules.invalid.insertIds.has(event.insert_id)) note(invalid, rules.invalid.field, i);
  });
  if (Object.keys(missing).length > 0) {
    return requestError('Request missing required field', { events_with_missing_fields: missing, ...(Object.keys(invalid).length ? { events_with_invalid_fields: invalid } : {}) });
  }
  if (Object.keys(invalid).length > 0) return requestError('Invalid field values on some events', { events_with_invalid_fields: invalid });
  if (Object.keys(idLengths).length > 0) return requestError('Invalid id length for user_id or device_id', { events_with_invalid_id_lengths: idLengths });
  return undefined;
}
