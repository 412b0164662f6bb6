/**
 * Validates one raw event from a request and turns it into an AmplitudeEvent: known fields
 * type-checked through the field table, unknown keys dropped, `null` read as absent, strings
 * truncated, `time` defaulted to the server upload time (HTTP V2 doc, "time ... defaults to the
 * upload time"). Every failed check is recorded, not only the first, so the 400 lists every
 * offending field. Hand-written rather than zod because it runs for every ingested event.
 */
import { checkEventIds } from '@/lib/amplitude/check-event-ids';
import { checkEventType } from '@/lib/amplitude/check-event-type';
import { checkFieldValue } from '@/lib/amplitude/check-field-value';
import { EVENT_FIELD_KIND_BY_NAME } from '@/lib/amplitude/event-fields';
import { recordIssue, type EventIssues } from '@/lib/amplitude/event-issues';
import type { AmplitudeEvent } from '@/lib/amplitude/event-schema';
import { INVALID_VALUE, isJsonObject, type JsonObject, type JsonValueLimits } from '@/lib/amplitude/sanitize-json-value';

export interface EventRules extends JsonValueLimits {
  minIdLength: number;
  /** Server upload time in ms since epoch. */
  now: number;
}

/** Field under which an entry of `events` that is not a JSON object is reported. */
export const WHOLE_EVENT_FIELD = 'event';

export function normalizeEvent(raw: unknown, index: number, rules: EventRules, issues: EventIssues): AmplitudeEvent | undefined {
  if (!isJsonObject(raw)) {
    recordIssue(issues.invalidFields, WHOLE_EVENT_FIELD, index);
    return undefined;
  }
  // Only keys found in the field table are written, so no input key can reach a prototype.
  const event: JsonObject = {};
  let valid = true;
  for (const key of Object.keys(raw)) {
    const kind = EVENT_FIELD_KIND_BY_NAME.get(key);
    const value = raw[key];
    if (kind === undefined || value === null) continue;
    const checked = checkFieldValue(kind, value, rules);
    if (checked === INVALID_VALUE) {
      recordIssue(issues.invalidFields, key, index);
      valid = false;
    } else {
      event[key] = checked;
    }
  }
  // Both checks always run so that each records its own issues.
  valid = checkEventType(raw, event, index, issues) && valid;
  valid = checkEventIds(raw, event, index, rules.minIdLength, issues) && valid;
  if (!valid) return undefined;
  event.time ??= rules.now;
  // Every key was checked against the field table and event_type is a non-empty string.
  return event as AmplitudeEvent;
}
