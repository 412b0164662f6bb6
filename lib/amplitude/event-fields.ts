/**
 * The fields an Amplitude event may carry, and the JSON type of each. One table drives both the
 * zod schema (`event-schema.ts`) and the per-event checker (`normalize-event.ts`), so the shape is
 * written once. Keys not listed here are dropped from events, as the SDKs send extras we ignore.
 */

/**
 * - `string`: a string, truncated past the string limit.
 * - `number`: a finite number. `integer`: a safe integer.
 * - `object`: a JSON object (values may nest, up to the depth limit).
 * - `string-object`: a JSON object whose values are strings.
 */
export type EventFieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'string-object';

export const EVENT_FIELD_KINDS = {
  // https://amplitude.com/docs/apis/analytics/http-v2, "Keys for the event argument".
  user_id: 'string',
  device_id: 'string',
  event_type: 'string',
  /** Milliseconds since epoch; any other format (e.g. ISO) is a 400. */
  time: 'integer',
  event_properties: 'object',
  user_properties: 'object',
  groups: 'object',
  group_properties: 'object',
  $skip_user_properties_sync: 'boolean',
  app_version: 'string',
  platform: 'string',
  os_name: 'string',
  os_version: 'string',
  device_brand: 'string',
  device_manufacturer: 'string',
  device_model: 'string',
  carrier: 'string',
  country: 'string',
  region: 'string',
  city: 'string',
  dma: 'string',
  language: 'string',
  price: 'number',
  quantity: 'integer',
  revenue: 'number',
  productId: 'string',
  revenueType: 'string',
  currency: 'string',
  location_lat: 'number',
  location_lng: 'number',
  ip: 'string',
  idfa: 'string',
  idfv: 'string',
  adid: 'string',
  android_id: 'string',
  android_app_set_id: 'string',
  user_agent: 'string',
  event_id: 'integer',
  /** Session start in ms since epoch; -1 means no session. */
  session_id: 'integer',
  insert_id: 'string',
  /** Tracking plan: branch, source, version (and versionId from the TS SDK). */
  plan: 'string-object',
  // Partner ingestion guide (create-an-event-ingestion-integration).
  partner_id: 'string',
  // Sent by the SDKs though not in the HTTP V2 table (Amplitude-TypeScript base-event.ts).
  library: 'string',
  version_name: 'string',
  ingestion_metadata: 'string-object',
  receipt: 'string',
  receiptSig: 'string',
  delay: 'object',
  // Identify API identification keys (https://amplitude.com/docs/apis/analytics/identify).
  paying: 'string',
  start_version: 'string',
} as const satisfies Record<string, EventFieldKind>;

export type EventFieldName = keyof typeof EVENT_FIELD_KINDS;

/** A Map, not the object above, so input keys such as `constructor` never match inherited members. */
export const EVENT_FIELD_KIND_BY_NAME: ReadonlyMap<string, EventFieldKind> = new Map(Object.entries(EVENT_FIELD_KINDS));

/** `$identify` and `$groupidentify` update users and groups rather than record an action (HTTP V2 doc, event_type). */
export const IDENTIFY_EVENT_TYPE = '$identify';
export const GROUP_IDENTIFY_EVENT_TYPE = '$groupidentify';
