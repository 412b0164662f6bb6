import { enforceEventPropertyRules } from '@/lib/braze/properties';
import type { SourceEvent } from '@/lib/braze/source-event';
import type { BrazeEventObject, BrazeIdentifier, PropertyIssue } from '@/lib/braze/types';

export type BuildEventOptions = {
  identifier: BrazeIdentifier;
  /** Braze App Identifier; optional in `/users/track` (braze-api.md §6). */
  appId?: string;
  /** Already selected properties (see `selectProperties`); Braze's rules are applied here. */
  properties?: Record<string, unknown>;
  /** "Update Users Only": Braze skips the event when the user does not exist (§2.3). */
  updateExistingOnly?: boolean;
};

export type BuiltEvent =
  | { ok: true; event: BrazeEventObject; issues: PropertyIssue[] }
  | { ok: false; reason: string };

// Date's own range (±8.64e15 ms); beyond it toISOString throws.
const MAX_EPOCH_MS = 8.64e15;

/** A Braze event object (braze-api.md §2.6) for one source event. */
export function buildBrazeEvent(event: SourceEvent, options: BuildEventOptions): BuiltEvent {
  if (event.event_type.trim() === '') return { ok: false, reason: 'Braze events need a name; event_type is empty' };
  if (!Number.isFinite(event.time) || Math.abs(event.time) > MAX_EPOCH_MS) {
    return { ok: false, reason: `event time ${String(event.time)} is not a valid epoch-milliseconds value` };
  }
  const { properties, issues } = enforceEventPropertyRules(options.properties ?? {});
  // Assigned in the order the spreads of an object literal would give, without their temporary objects.
  const built: Record<string, unknown> = { ...options.identifier };
  if (options.appId) built.app_id = options.appId;
  built.name = event.event_type;
  // ISO 8601 in UTC with milliseconds; Braze replaces future times with "now" (§2.6).
  built.time = toIsoTime(event.time);
  if (hasOwnKeys(properties)) built.properties = properties;
  if (options.updateExistingOnly === true) built._update_existing_only = true;
  return { ok: true, event: built as BrazeEventObject, issues };
}

const DAY_MS = 86_400_000;
// 10000-01-01T00:00:00.000Z: from there on toISOString writes a six-digit year.
const FIRST_SIX_DIGIT_YEAR_MS = 253_402_300_800_000;
const [ZERO, DASH, T, COLON, DOT, Z] = ['0', '-', 'T', ':', '.', 'Z'].map((c) => c.charCodeAt(0)) as [number, number, number, number, number, number];

/**
 * `new Date(time).toISOString()` for a valid event time: the same text, which every event sent
 * needs, without Date's formatting (several times slower) or the Date object. From 1970 to 9999
 * it is written from the date's fields (days to civil date as in H. Hinnant's `civil_from_days`)
 * in int32 arithmetic, as one flat string; other times go to Date.
 */
export function toIsoTime(time: number): string {
  // Date's TimeClip: the integer part.
  const ms = Math.trunc(time);
  if (!(ms >= 0 && ms < FIRST_SIX_DIGIT_YEAR_MS)) return new Date(time).toISOString();
  const days = Math.floor(ms / DAY_MS);
  const msOfDay = ms - days * DAY_MS;
  // Days from 0000-03-01, in 400-year eras of 146097 days; March first puts leap days at the end.
  const fromMarch = days + 719_468;
  const era = (fromMarch / 146_097) | 0;
  const dayOfEra = fromMarch - era * 146_097;
  const yearOfEra = ((dayOfEra - ((dayOfEra / 1460) | 0) + ((dayOfEra / 36_524) | 0) - ((dayOfEra / 146_096) | 0)) / 365) | 0;
  const dayOfYear = dayOfEra - (365 * yearOfEra + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0));
  const monthFromMarch = ((5 * dayOfYear + 2) / 153) | 0;
  const day = dayOfYear - (((153 * monthFromMarch + 2) / 5) | 0) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const milli = msOfDay % 1000;
  const seconds = (msOfDay / 1000) | 0;
  const second = seconds % 60;
  const minutes = (seconds / 60) | 0;
  const minute = minutes % 60;
  const hour = (minutes / 60) | 0;
  return String.fromCharCode(
    ZERO + ((year / 1000) | 0), ZERO + (((year / 100) | 0) % 10), ZERO + (((year / 10) | 0) % 10), ZERO + (year % 10), DASH,
    ZERO + ((month / 10) | 0), ZERO + (month % 10), DASH,
    ZERO + ((day / 10) | 0), ZERO + (day % 10), T,
    ZERO + ((hour / 10) | 0), ZERO + (hour % 10), COLON,
    ZERO + ((minute / 10) | 0), ZERO + (minute % 10), COLON,
    ZERO + ((second / 10) | 0), ZERO + (second % 10), DOT,
    ZERO + ((milli / 100) | 0), ZERO + (((milli / 10) | 0) % 10), ZERO + (milli % 10), Z,
  );
}

function hasOwnKeys(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}
