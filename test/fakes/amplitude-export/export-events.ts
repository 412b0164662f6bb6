/**
 * Deterministic exported events, in the Export API's event format (amplitude-api.md §5.1: UTC
 * timestamps as "YYYY-MM-DD HH:MM:SS.ffffff", `$insert_id`, `user_properties` as each event's
 * snapshot of its user). The same options always give the same events, so a test can compute
 * what Braze must receive; each hour is generated line by line, never held whole.
 */
export interface ExportDataOptions {
  /** Amplitude project id: names the archive's folder and files. */
  projectId: number;
  /** First hour with data (UTC, whole hour) and how many hours after it have data. */
  firstHour: Date;
  hours: number;
  eventsPerHour: number;
  /** Distinct users; user n is `user-<n>`, and each event's user is chosen round-robin. */
  users: number;
  /** Length of a pseudo-random `note` event property: sets the archive's size per event. */
  noteBytes: number;
}

export const PLANS = ['free', 'pro', 'team'] as const;

const HOUR_MS = 3_600_000;

/** Export timestamps: UTC, microseconds, space instead of "T". */
export function exportTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '000');
}

export function insertIdOf(hourIndex: number, i: number): string {
  return `imp-${hourIndex}-${i}`;
}

export function userOf(options: ExportDataOptions, hourIndex: number, i: number): number {
  return (hourIndex * options.eventsPerHour + i) % options.users;
}

/** The user's properties as of an hour: `plan` changes every third hour, `level` every hour. */
export function userPropertiesAt(user: number, hourIndex: number): { plan: string; level: number } {
  return { plan: PLANS[(user + Math.floor(hourIndex / 3)) % PLANS.length]!, level: hourIndex + 1 };
}

/** xorshift32: cheap, seeded, and poorly compressible text, like real property values. */
function noteOf(seed: number, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ';
  // Seeds of neighbouring events are mixed apart (murmur3's finalizer), so their texts differ.
  let x = Math.imul(seed ^ (seed >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x = (x ^ (x >>> 16)) | 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += alphabet[(x >>> 0) % alphabet.length];
  }
  return out;
}

export function exportEventOf(options: ExportDataOptions, hourIndex: number, i: number): Record<string, unknown> {
  const user = userOf(options, hourIndex, i);
  const time = options.firstHour.getTime() + hourIndex * HOUR_MS + Math.floor((i * HOUR_MS) / options.eventsPerHour);
  const at = exportTime(time);
  return {
    $insert_id: insertIdOf(hourIndex, i),
    amplitude_id: 1_000_000 + user,
    app: options.projectId,
    city: 'Berlin',
    client_event_time: at,
    client_upload_time: at,
    country: 'Germany',
    data: {},
    device_family: 'Mac',
    device_id: `device-${user}`,
    device_type: 'Mac',
    event_id: i,
    event_properties: { step: i % 7, note: noteOf(hourIndex * 1_000_003 + i, options.noteBytes) },
    event_time: at,
    event_type: i % 5 === 0 ? 'Purchase' : 'Page Viewed',
    group_properties: {},
    groups: {},
    ip_address: '192.0.2.1',
    language: 'German',
    library: 'amplitude-ts/2.0.0',
    os_name: 'Chrome',
    os_version: '120',
    platform: 'Web',
    processed_time: at,
    region: 'Berlin',
    server_received_time: at,
    server_upload_time: at,
    session_id: time - (time % 1_800_000),
    user_id: `user-${user}`,
    user_properties: userPropertiesAt(user, hourIndex),
    uuid: `00000000-0000-4000-8000-${String(hourIndex * options.eventsPerHour + i).padStart(12, '0')}`,
    version_name: '1.0.0',
    sample_rate: null,
    paying: null,
    start_version: null,
    dma: null,
    location_lat: null,
    location_lng: null,
    amplitude_attribution_ids: null,
  };
}

/** The hour indexes with data within [start, end] (both whole hours, both included). */
export function hoursWithData(options: ExportDataOptions, start: Date, end: Date): number[] {
  const first = Math.max(0, Math.ceil((start.getTime() - options.firstHour.getTime()) / HOUR_MS));
  const last = Math.min(options.hours - 1, Math.floor((end.getTime() - options.firstHour.getTime()) / HOUR_MS));
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => first + k);
}

/** The archive entry name Amplitude uses: `<project>/<project>_<YYYY-MM-DD>_<H>#<part>.json.gz`. */
export function entryNameOf(options: ExportDataOptions, hourIndex: number, part: number): string {
  const at = new Date(options.firstHour.getTime() + hourIndex * HOUR_MS);
  const day = at.toISOString().slice(0, 10);
  return `${options.projectId}/${options.projectId}_${day}_${at.getUTCHours()}#${part}.json.gz`;
}
