/**
 * The legacy upload protocol of amplitude-js 8 (and the older mobile SDKs): a form POST to the
 * root of `apiEndpoint` with `client` (the API key), `e` (a JSON array of events), `v` (2),
 * `upload_time` and `checksum` = MD5(v + client + e + upload_time) (amplitude-js
 * `AmplitudeClient.sendEvents`). Its events are turned into HTTP V2 events and then validated
 * exactly like HTTP V2 uploads. The SDK only checks for HTTP 200; the body it was always sent on
 * success is the text `success`.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_MIN_ID_LENGTH } from '@/lib/amplitude/limits';
import { buildMissingFieldBody, buildRequestErrorBody, type RequestErrorBody } from '@/lib/amplitude/response-bodies';
import { isJsonObject, type JsonObject } from '@/lib/amplitude/sanitize-json-value';
import type { UploadEnvelope } from '@/lib/amplitude/upload-envelope';
import { rejectUpload, type RejectedUpload } from '@/lib/amplitude/upload-result';

export const LEGACY_SUCCESS_BODY = 'success';

const REQUIRED_FIELDS = ['client', 'e', 'v', 'upload_time', 'checksum'] as const;

export function checksumOf(v: string, client: string, e: string, uploadTime: string): string {
  return createHash('md5').update(`${v}${client}${e}${uploadTime}`, 'utf8').digest('hex');
}

export function buildBadChecksumBody(): RequestErrorBody {
  return { code: 400, error: 'Invalid checksum: checksum must be the MD5 hex digest of v + client + e + upload_time' };
}

/** `params` is the form body. The api key (`client`) is checked by the caller, after the checksum. */
export function parseLegacyUpload(params: URLSearchParams): UploadEnvelope | RejectedUpload {
  const fields = new Map<string, string>();
  for (const name of REQUIRED_FIELDS) {
    const value = params.get(name);
    if (value === null || value === '') return rejectUpload(buildMissingFieldBody(name));
    fields.set(name, value);
  }
  const [client, e, v, uploadTime, checksum] = REQUIRED_FIELDS.map((name) => fields.get(name)!);
  if (checksumOf(v!, client!, e!, uploadTime!) !== checksum!.toLowerCase()) return rejectUpload(buildBadChecksumBody());
  let events: unknown;
  try {
    events = JSON.parse(e!);
  } catch {
    return rejectUpload(buildRequestErrorBody('Invalid event JSON'));
  }
  if (!Array.isArray(events)) return rejectUpload(buildRequestErrorBody('Invalid event JSON'));
  return { kind: 'envelope', apiKey: client!, events: events.map(toHttpV2Event), minIdLength: DEFAULT_MIN_ID_LENGTH };
}

/**
 * amplitude-js events differ from HTTP V2 ones in three fields: `timestamp` is `time`, `uuid` is
 * `insert_id` (so a resent upload is de-duplicated), and `library` is `{name, version}`. Other
 * extras (`api_properties`, `sequence_number`) are dropped by the event checks like any unknown
 * key, and their many `null`s read as absent. Non-objects pass through to be reported by index.
 */
function toHttpV2Event(raw: unknown): unknown {
  if (!isJsonObject(raw)) return raw;
  const event: JsonObject = { ...raw };
  if (event.time === undefined && raw.timestamp !== undefined) event.time = raw.timestamp;
  if (event.insert_id === undefined && typeof raw.uuid === 'string') event.insert_id = raw.uuid;
  if (isJsonObject(raw.library)) {
    const { name, version } = raw.library;
    event.library = typeof version === 'string' ? `${String(name)}/${version}` : String(name);
  }
  return event;
}
