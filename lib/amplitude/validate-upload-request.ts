/**
 * Validates a `POST /2/httpapi` or `POST /batch` body the way Amplitude does, in order: body
 * present and an object, `api_key` and `events` present, the key known, the event count within
 * limits, then each event. Returns the normalized events or the exact body Amplitude would send.
 */
import { buildInvalidApiKeyBody } from '@/lib/amplitude/response-bodies';
import { parseUploadEnvelope } from '@/lib/amplitude/upload-envelope';
import { rejectUpload, type UploadValidation } from '@/lib/amplitude/upload-result';
import { validateUploadEvents, type UploadEventsContext } from '@/lib/amplitude/validate-upload-events';

export interface UploadRequestContext extends UploadEventsContext {
  /**
   * Synchronous lookup in the caller's key cache. Leave it out to check the key elsewhere, e.g.
   * asynchronously between `parseUploadEnvelope` and `validateUploadEvents`.
   */
  isKnownApiKey?: (apiKey: string) => boolean;
}

/** `body` is the parsed JSON (after gzip decompression), or undefined when the request had no body. */
export function validateUploadRequest(body: unknown, ctx: UploadRequestContext): UploadValidation {
  const envelope = parseUploadEnvelope(body);
  if (envelope.kind === 'rejected') return envelope;
  if (ctx.isKnownApiKey !== undefined && !ctx.isKnownApiKey(envelope.apiKey)) {
    return rejectUpload(buildInvalidApiKeyBody(envelope.apiKey));
  }
  return validateUploadEvents(envelope, ctx);
}
