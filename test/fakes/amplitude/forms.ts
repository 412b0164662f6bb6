/**
 * `POST /identify` and `POST /groupidentify`: a form (urlencoded; the query string is read too)
 * with `api_key` and `identification`, one JSON object or an array of them. The answers are
 * plain text, `success` or the reason, as Amplitude's form APIs give them (Identify doc).
 */
import { requestError, text } from '@/test/fakes/amplitude/answers';
import type { Parsed, RouteInput } from '@/test/fakes/amplitude/route-types';
import { isKnownKey } from '@/test/fakes/amplitude/state';
import type { JsonObject } from '@/test/fakes/amplitude/types';

/** Group Identify limit: at most 1,024 group identifies per request (Group Identify doc). */
const MAX_IDENTIFICATIONS = 1_024;

function readParams(input: RouteInput): URLSearchParams {
  const form = input.contentType.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(input.body.toString('utf8')) : new URLSearchParams();
  for (const [k, v] of input.query) if (!form.has(k)) form.set(k, v);
  return form;
}

function parseIdentifications(raw: string | null): JsonObject[] | undefined {
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    const list = Array.isArray(value) ? value : [value];
    return list.length > 0 && list.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v)) ? (list as JsonObject[]) : undefined;
  } catch {
    return undefined;
  }
}

function isComplete(kind: 'identify' | 'groupidentify', id: JsonObject): boolean {
  if (kind === 'identify') return typeof id.user_id === 'string' || typeof id.device_id === 'string';
  return typeof id.group_type === 'string' && id.group_value != null && typeof id.group_properties === 'object';
}

export function parseForm(kind: 'identify' | 'groupidentify') {
  return (input: RouteInput): Parsed => {
    const params = readParams(input);
    const apiKey = params.get('api_key');
    if (!apiKey) return { kind: 'answer', reply: requestError('Request missing required field', { missing_field: 'api_key' }) };
    if (!isKnownKey(input.state, apiKey)) return { kind: 'answer', reply: text(400, 'invalid_api_key') };
    const identifications = parseIdentifications(params.get('identification'));
    if (!identifications || !identifications.every((id) => isComplete(kind, id))) return { kind: 'answer', reply: text(400, 'missing_event') };
    if (identifications.length > MAX_IDENTIFICATIONS) return { kind: 'answer', reply: text(413, 'too_many_identifications') };
    return {
      kind: 'ready',
      apiKey,
      events: identifications,
      take: () => {
        for (const identification of identifications) {
          input.state.identifications.push({ apiKey, kind, identification, sourceIp: input.sourceIp, at: input.at });
        }
        return text(200, 'success');
      },
    };
  };
}
