/**
 * The worker's one way to call Braze: the allow-listed `/users/track` call of lib/braze, with
 * the request counted in the sync's metrics and the outcome reduced to what delivery needs.
 */
import { sendTrack, type TrackOutcome } from '@/lib/braze';
import { env } from '@/lib/env';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import type { MinorError, SendOutcome, SendTrack } from '@/lib/pipeline/delivery-batcher';
import type { TrackArray } from '@/lib/pipeline/request-capacity';

export function createBrazeSender(metrics: MetricsRecorder, fetchImpl: typeof fetch = fetch): SendTrack {
  const config = env();
  return async (sync, body) => {
    const outcome = await sendTrack({
      baseUrl: sync.brazeEndpoint,
      apiKey: sync.restApiKey,
      body,
      fetch: fetchImpl,
      timeoutMs: config.BRAZE_REQUEST_TIMEOUT_MS,
      allowedEndpoints: config.BRAZE_CUSTOM_ENDPOINTS,
    });
    metrics.add(sync.id, { requests: 1, rateLimited: outcome.status === 429 ? 1 : 0 });
    return toSendOutcome(outcome);
  };
}

function minorErrorsOf(outcome: { minorErrors: { input_array: string; index: number; type: string }[] }): MinorError[] {
  return outcome.minorErrors
    .filter((e) => e.input_array === 'events' || e.input_array === 'attributes')
    .map((e) => ({ array: e.input_array as TrackArray, index: e.index, reason: e.type }));
}

export function toSendOutcome(outcome: TrackOutcome): SendOutcome {
  switch (outcome.kind) {
    case 'accepted':
      return { kind: 'accepted', status: outcome.status, minorErrors: minorErrorsOf(outcome) };
    case 'queued':
      return { kind: 'accepted', status: outcome.status, minorErrors: [] };
    case 'retryable':
      return { kind: 'retryable', status: outcome.status, reason: outcome.reason, resetAt: outcome.retryAt ?? undefined };
    case 'permanent':
      return { kind: 'permanent', status: outcome.status, reason: outcome.reason, minorErrors: minorErrorsOf(outcome) };
  }
}
