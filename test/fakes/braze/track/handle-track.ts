import type { RouteInput } from '@/test/fakes/braze/http/route-types';
import { jsonReply, type Reply } from '@/test/fakes/braze/http/reply';
import { applyTrack, type AppliedTrack } from '@/test/fakes/braze/track/apply-track';
import { MAX_INPUT_LENGTH, NO_VALID_DATA } from '@/test/fakes/braze/track/minor-errors';
import { exceedsObjectLimit, type ObjectLimit } from '@/test/fakes/braze/track/object-limits';
import {
  INPUT_ARRAYS,
  readTrackInput,
  validateTrackInput,
  type TrackInput,
  type ValidatedTrack,
} from '@/test/fakes/braze/track/validate-track-body';

export type TrackOutcome =
  | { ok: false; reply: Reply }
  | { ok: true; input: TrackInput; validated: ValidatedTrack; applied: AppliedTrack };

/**
 * The part every /users/track variant shares: object limit, per-object validation, and the
 * all-invalid answer (braze-api.md §2.1, §3.3, §10.4, §10.5), then applying what is valid.
 */
export function processTrack(request: RouteInput, limit: ObjectLimit): TrackOutcome {
  const input = readTrackInput(request.body);
  if (!input) return { ok: false, reply: jsonReply(400, { message: NO_VALID_DATA }) };
  const lengths = { attributes: input.attributes?.length ?? 0, events: input.events?.length ?? 0, purchases: input.purchases?.length ?? 0 };
  if (exceedsObjectLimit(limit, lengths)) return { ok: false, reply: jsonReply(400, { message: MAX_INPUT_LENGTH }) };
  const validated = validateTrackInput(input);
  const validCount = INPUT_ARRAYS.reduce((sum, name) => sum + validated.valid[name].length, 0);
  if (validCount === 0) {
    const body = validated.errors.length > 0 ? { message: NO_VALID_DATA, errors: validated.errors } : { message: NO_VALID_DATA };
    return { ok: false, reply: jsonReply(400, body) };
  }
  const { state, apiKey, path, receivedAt } = request;
  const applied = applyTrack({ store: state.store, recorder: state.recorder, apiKey, path, receivedAt, declared: state.declaredAttributes }, validated.valid);
  return { ok: true, input, validated, applied };
}

/** 201 with `*_processed` for each array sent and `errors` when some objects failed (braze-api.md §3.1, §3.2). */
export function handleTrack(request: RouteInput, limit: ObjectLimit): Reply {
  const outcome = processTrack(request, limit);
  if (!outcome.ok) return outcome.reply;
  const body: Record<string, unknown> = { message: 'success' };
  for (const name of INPUT_ARRAYS) {
    if (outcome.input[name] !== undefined) body[`${name}_processed`] = outcome.validated.valid[name].length;
  }
  if (outcome.validated.errors.length > 0) body.errors = outcome.validated.errors;
  return jsonReply(201, body);
}
