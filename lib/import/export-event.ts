/**
 * An event of Amplitude's Export API (amplitude-api.md §5.1) as the HTTP V2 event live traffic
 * sends, so an imported event meets the same validation, user model, mapping and filters. Export
 * names differ for a few fields (`$insert_id`, `event_time` as a UTC "YYYY-MM-DD HH:MM:SS.ffffff"
 * string, `ip_address`, `device_carrier`); its `user_properties` are the user's properties as of
 * the event, which, as plain keys, the user model reads as `$set` like a live event's.
 */
import { validateUploadEvents, type AmplitudeEvent } from '@/lib/amplitude';

/** Export fields that keep their name in HTTP V2. */
const SAME_NAME = [
  'event_type',
  'user_id',
  'device_id',
  'event_properties',
  'user_properties',
  'groups',
  'group_properties',
  'session_id',
  'event_id',
  'platform',
  'os_name',
  'os_version',
  'device_brand',
  'device_manufacturer',
  'device_model',
  'country',
  'region',
  'city',
  'dma',
  'language',
  'location_lat',
  'location_lng',
  'version_name',
  'library',
  'price',
  'quantity',
  'revenue',
  'productId',
  'revenueType',
] as const;

const RENAMED: Record<string, string> = { $insert_id: 'insert_id', ip_address: 'ip', device_carrier: 'carrier' };

const EXPORT_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z?$/;

/** Export timestamps are UTC without a zone; milliseconds since epoch, or null when unreadable. */
export function parseExportTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = EXPORT_TIME.exec(value.trim());
  if (!m) return null;
  const ms = Number((m[7] ?? '0').padEnd(6, '0').slice(0, 3));
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
  return Number.isFinite(time) ? time : null;
}

function toHttpShape(raw: Record<string, unknown>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const key of SAME_NAME) if (raw[key] !== undefined && raw[key] !== null) event[key] = raw[key];
  for (const [from, to] of Object.entries(RENAMED)) if (raw[from] !== undefined && raw[from] !== null) event[to] = raw[from];
  // `$identify` events keep their groups' properties out of the user model, as live ones do.
  if (raw.event_type !== '$groupidentify') delete event.group_properties;
  const time = parseExportTime(raw.event_time) ?? parseExportTime(raw.client_event_time);
  if (time !== null) event.time = time;
  return event;
}

export interface ConvertedLines {
  events: AmplitudeEvent[];
  /** Lines that are not JSON objects or fail live traffic's event checks. */
  invalid: number;
}

/** Parses and converts a batch of export lines; invalid lines are counted, the rest kept. */
export function convertExportLines(lines: readonly string[]): ConvertedLines {
  const shaped: Record<string, unknown>[] = [];
  let invalid = 0;
  for (const text of lines) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      invalid++;
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      invalid++;
      continue;
    }
    const event = toHttpShape(parsed as Record<string, unknown>);
    // An event without a readable time would be stamped "now": not history.
    if (event.time === undefined) invalid++;
    else shaped.push(event);
  }
  if (shaped.length === 0) return { events: [], invalid };
  // Exported ids passed Amplitude's checks with the project's own minimum length.
  const checked = validateUploadEvents({ apiKey: 'import', events: shaped, minIdLength: 1 }, { endpoint: 'batch', now: Date.now() });
  if (checked.kind === 'rejected') return { events: [], invalid: invalid + shaped.length };
  return { events: checked.events, invalid: invalid + shaped.length - checked.events.length };
}
