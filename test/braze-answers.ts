/**
 * Braze's answers to `/users/track` as the product sees them: each one classified by lib/braze's
 * own classifier from the response Braze documents (braze-api.md §3), so unit tests of delivery
 * get exactly the outcomes a real request would.
 */
import { classifyTrackExchange } from '@/lib/braze/classify';
import type { MinorError, PermanentOutcome, TrackOutcome } from '@/lib/braze';

function answered(status: number, body: unknown, headers: Record<string, string> = {}): TrackOutcome {
  return classifyTrackExchange({ kind: 'response', status, headers: new Headers(headers), text: JSON.stringify(body) }, 'test-key', Date.now());
}

/** 201 success, with Braze's minor errors for the objects it did not apply. */
export function acceptedAnswer(minorErrors: MinorError[] = []): TrackOutcome {
  const errors = minorErrors.map((e) => ({ type: e.reason, input_array: e.array, index: e.index }));
  return answered(201, { message: 'success', ...(errors.length > 0 ? { errors } : {}) });
}

/** A refusal with `status` (401, 400 …) and Braze's message. */
export function refusedAnswer(status: number, message: string): PermanentOutcome {
  const outcome = answered(status, { message });
  if (outcome.kind !== 'permanent') throw new Error(`Braze's ${status} is not a refusal`);
  return outcome;
}

/** 400 `Max Input Length Exceeded`: more objects than the workspace allows in one request. */
export const tooManyObjectsAnswer = (): TrackOutcome => refusedAnswer(400, 'Max Input Length Exceeded');

/** 429 with the window's reset (`X-RateLimit-Reset`, epoch seconds). */
export function rateLimitedAnswer(resetAtSeconds: number): TrackOutcome {
  return answered(429, { message: 'rate limited' }, { 'X-RateLimit-Limit': '3000', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetAtSeconds) });
}

/** 503 (or another status Braze answers without processing the request). */
export const unavailableAnswer = (status = 503): TrackOutcome => answered(status, { message: 'Service Unavailable' });

/** No answer in time: Braze may have processed the request. */
export function timedOutAnswer(): TrackOutcome {
  return classifyTrackExchange({ kind: 'failed', failure: 'timeout', detail: 'no answer in time' }, 'test-key', Date.now());
}
