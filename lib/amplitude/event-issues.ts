/**
 * Collects, per field, the indexes of the events that failed a check, in the three maps the
 * official SDKs read from a 400 (`events_with_invalid_fields`, `events_with_missing_fields`,
 * `events_with_invalid_id_lengths`; Amplitude-TypeScript `transports/base.ts`).
 * Field names come from our own table, never from the request, so plain objects are safe keys.
 */
import type { EventIndexesByField } from '@/lib/amplitude/response-bodies';

export interface EventIssues {
  invalidFields: EventIndexesByField;
  missingFields: EventIndexesByField;
  invalidIdLengths: EventIndexesByField;
}

export function createEventIssues(): EventIssues {
  return { invalidFields: {}, missingFields: {}, invalidIdLengths: {} };
}

export function recordIssue(byField: EventIndexesByField, field: string, index: number): void {
  const indexes = byField[field];
  if (indexes === undefined) byField[field] = [index];
  // An event can fail one field only once, but keep the list duplicate-free regardless.
  else if (indexes[indexes.length - 1] !== index) indexes.push(index);
}
