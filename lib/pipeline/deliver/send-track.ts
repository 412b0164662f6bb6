/**
 * The worker's one way to call Braze: the allow-listed `/users/track` call of lib/braze, paced by
 * the workspace's shared rate limiter, with the request counted in the sync's metrics and logged.
 * It answers lib/braze's classified outcome as it is: one result type per Braze call.
 */
import { sendTrack, type FetchLike, type TrackOutcome } from '@/lib/braze';
import type { TrackArrayName } from '@/lib/braze/types';
import { NO_RATE_LIMIT_INFO } from '@/lib/braze/outcome';
import { childLogger } from '@/lib/log/logger';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import type { DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import { bodyJsonOf } from '@/lib/pipeline/deliver/object-bytes';
import { brazeCallOptions, observeAnswer, takeCall, WINDOW_USED_UP } from '@/lib/pipeline/state/braze-pacing';
import type { WorkspaceRateLimiter } from '@/lib/pipeline/state/rate-limiter';

const logger = childLogger('braze-sender');

/** A `/users/track` body as lib/braze builds it; our objects are plain JSON records. */
export type TrackBody = Partial<Record<TrackArrayName, Record<string, unknown>[]>>;

/** One `/users/track` request of a sync, and Braze's classified answer. */
export type SendTrack = (sync: RuntimeSync, body: TrackBody) => Promise<TrackOutcome>;

/**
 * Bookkeeping after a request (the rate limiter's window, the delivery log) is best effort: if
 * Redis fails just then, Braze's answer must still count, or jobs Braze accepted would be sent
 * again.
 */
async function afterRequest(what: string, work: Promise<void> | undefined): Promise<void> {
  try {
    await work;
  } catch (err) {
    logger.warn({ err: (err as Error).message }, `${what} not recorded`);
  }
}

/** A window that resets this soon is waited out in place; a later one reschedules the jobs. */
const MAX_INLINE_WAIT_MS = 3_000;

export interface SenderOptions {
  limiter?: WorkspaceRateLimiter;
  /** Where each request and Braze's answer are logged for the dashboard. */
  log?: (syncId: string, entry: DeliveryLogEntry) => Promise<void>;
  /** Told of every request Braze accepted: jobs waiting out a backoff for this sync may go now. */
  onAccepted?: (syncId: string) => void;
  fetch?: FetchLike;
}

export function createBrazeSender(metrics: MetricsRecorder, options: SenderOptions = {}): SendTrack {
  const { limiter } = options;
  return async (sync, body) => {
    if (limiter) {
      const wait = await takeCall(limiter, sync.restApiKey, MAX_INLINE_WAIT_MS);
      if (wait > 0) {
        // Not sent: the workspace's window is used up, so this is Braze's rate limit, met early.
        return {
          kind: 'retryable',
          status: null,
          cause: 'rate_limited',
          reason: WINDOW_USED_UP,
          retryAt: Date.now() + wait,
          maybeProcessed: false,
          rateLimit: NO_RATE_LIMIT_INFO,
        };
      }
    }
    const outcome = await sendTrack({ ...brazeCallOptions(sync, options.fetch), body, bodyJson: bodyJsonOf });
    // Refused here, before any request (delivery pauses such a sync before it gets this far):
    // Braze saw nothing, so it counts neither as a request nor as Braze's answer.
    if (outcome.kind === 'permanent' && outcome.cause === 'endpoint_not_allowed') return outcome;
    metrics.add(sync.id, { requests: 1, rateLimited: outcome.status === 429 ? 1 : 0 });
    if (limiter) await afterRequest('rate-limit window', observeAnswer(limiter, sync.restApiKey, outcome));
    // Queued during maintenance is delivered: Braze processes it later (braze-api.md §3.3).
    const delivered = outcome.kind === 'accepted' || outcome.kind === 'queued';
    if (delivered) options.onAccepted?.(sync.id);
    await afterRequest('delivery log entry', options.log?.(sync.id, {
      at: Date.now(),
      status: outcome.status,
      outcome: delivered ? 'accepted' : outcome.kind,
      ...(delivered ? {} : { reason: outcome.reason }),
      errors: outcome.kind === 'accepted' || outcome.kind === 'permanent' ? outcome.minorErrors : [],
      body,
    }));
    return outcome;
  };
}
