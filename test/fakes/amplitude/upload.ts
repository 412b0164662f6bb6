/**
 * `POST /2/httpapi` and `POST /batch`: a JSON body of `api_key`, `events` and optional
 * `options.min_id_length`; unknown top-level keys are accepted, as the SDKs send some. At most
 * 2,000 events per request, else 413 (HTTP V2 doc, "Upload limits").
 */
import { payloadTooLarge, requestError, success } from '@/test/fakes/amplitude/answers';
import { checkEvents } from '@/test/fakes/amplitude/check-events';
import type { Parsed, RouteInput } from '@/test/fakes/amplitude/route-types';
import { ingestEvents, isKnownKey } from '@/test/fakes/amplitude/state';
import type { JsonObject } from '@/test/fakes/amplitude/types';

const MAX_EVENTS = 2_000;

export function parseUpload(input: RouteInput): Parsed {
  if (input.body.length === 0) return { kind: 'answer', reply: requestError('Missing request body') };
  let body: unknown;
  try {
    body = JSON.parse(input.body.toString('utf8'));
  } catch {
    return { kind: 'answer', reply: requestError('Invalid JSON request body') };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { kind: 'answer', reply: requestError('Invalid JSON request body') };
  const { api_key: apiKey, events, options } = body as JsonObject;
  if (typeof apiKey !== 'string' || apiKey === '') return { kind: 'answer', reply: requestError('Request missing required field', { missing_field: 'api_key' }) };
  if (!Array.isArray(events)) return { kind: 'answer', reply: requestError('Request missing required field', { missing_field: 'events' }) };
  if (!isKnownKey(input.state, apiKey)) return { kind: 'answer', reply: requestError('Invalid API key') };
  if (events.length > MAX_EVENTS) return { kind: 'answer', reply: payloadTooLarge() };
  const minIdLength = (options as JsonObject | undefined)?.min_id_length;
  const invalid = checkEvents(events, { minIdLength: typeof minIdLength === 'number' ? minIdLength : undefined, invalid: input.state.invalid });
  if (invalid) return { kind: 'answer', reply: invalid };
  const valid = events as JsonObject[];
  return {
    kind: 'ready',
    apiKey,
    events: valid,
    take: () => {
      ingestEvents(input.state, apiKey, input.path, valid, input.sourceIp, input.at);
      // events_ingested counts what was taken, duplicates included, as Amplitude reports it.
      return success(valid.length, input.body.length, input.at);
    },
  };
}
