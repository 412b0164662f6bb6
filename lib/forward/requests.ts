/**
 * The Amplitude requests that forward a queued request's events, in the API they came in
 * through: HTTP V2 and Batch as JSON, Identify and Group Identify as forms (the `$identify` and
 * `$groupidentify` events ingestion made of them turned back into identifications). Events are
 * sent as accepted, insert_id included, so Amplitude's own de-duplication makes a re-send safe.
 */
import { IDENTIFICATION_KEYS } from '@/lib/amplitude/identify-form';
import type { ForwardJob } from '@/lib/queue/contracts';

export type ForwardApi = ForwardJob['api'];
export type ForwardEvent = Record<string, unknown>;

export const API_PATHS: Record<ForwardApi, string> = {
  httpapi: '/2/httpapi',
  batch: '/batch',
  identify: '/identify',
  groupidentify: '/groupidentify',
};

/**
 * Events per request: 2,000 for HTTP V2 and Batch (HTTP V2 doc, "Upload limits"); 1,024 group
 * identifies (Group Identify doc), and the same for Identify, which states no limit of its own.
 */
export const MAX_EVENTS_PER_REQUEST: Record<ForwardApi, number> = { httpapi: 2_000, batch: 2_000, identify: 1_024, groupidentify: 1_024 };

/** How long Amplitude asks a throttled user or device to pause: 30 s (HTTP V2), 15 s (Identify doc). */
export const THROTTLE_PAUSE_MS: Record<ForwardApi, number> = { httpapi: 30_000, batch: 30_000, identify: 15_000, groupidentify: 15_000 };

export interface AmplitudeRequest {
  path: string;
  contentType: string;
  body: string;
}

/**
 * Amplitude reads `ip` for its location lookup, and `$remote` as "the request's source": both
 * would be this server's address once forwarded, so the client's address stands in for them.
 */
export function withClientIp(event: ForwardEvent, clientIp: string | undefined): ForwardEvent {
  if (!clientIp || (event.ip !== undefined && event.ip !== '$remote')) return event;
  return { ...event, ip: clientIp };
}

function toIdentification(event: ForwardEvent): ForwardEvent {
  return Object.fromEntries(IDENTIFICATION_KEYS.filter((key) => event[key] !== undefined).map((key) => [key, event[key]]));
}

function toGroupIdentification(event: ForwardEvent): ForwardEvent {
  const [groupType, groupValue] = Object.entries((event.groups ?? {}) as Record<string, unknown>)[0] ?? [];
  return { group_type: groupType, group_value: groupValue, group_properties: event.group_properties ?? {} };
}

function form(apiKey: string, identifications: ForwardEvent[]): string {
  return new URLSearchParams({ api_key: apiKey, identification: JSON.stringify(identifications) }).toString();
}

export function buildRequest(api: ForwardApi, apiKey: string, events: ForwardEvent[], clientIp: string | undefined): AmplitudeRequest {
  const path = API_PATHS[api];
  if (api === 'identify') return { path, contentType: 'application/x-www-form-urlencoded', body: form(apiKey, events.map(toIdentification)) };
  if (api === 'groupidentify') return { path, contentType: 'application/x-www-form-urlencoded', body: form(apiKey, events.map(toGroupIdentification)) };
  return { path, contentType: 'application/json', body: JSON.stringify({ api_key: apiKey, events: events.map((e) => withClientIp(e, clientIp)) }) };
}
