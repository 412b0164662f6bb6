/**
 * The worker's one way to call Braze: the allow-listed `/users/track` call of lib/braze, paced by
 * the workspace's shared rate limiter, with the request counted in the sync's metrics and the
 * outcome reduced to what delivery needs.
 */
import { refusedForTooManyObjects, sendTrack, type TrackOutcome } from '@/lib/braze';
import { env } from '@/lib/env';
import { childLogger } from '@/lib/log/logger';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import type { MinorError, SendOutcome, SendTrack } from '@/lib/pipeline/deliver/delivery-batcher';
import type { DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import type { WorkspaceRateLimiter } from '@/lib/pipeline/state/rate-limiter';

const logger = childLogger('braze-sender');

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
  fetch?: typeof fetch;
}

export function createBrazeSender(metrics: MetricsRecorder, options: SenderOptions = {}): SendTrack {
  const { limiter } = options;
  const fetchImpl = options.fetch ?? fetch;
  const config = env();
  return async (sync, body) => {
    if (limiter) {
      let wait = await limiter.acquire(sync.restApiKey);
      if (wait > 0 && wait <= MAX_INLINE_WAIT_MS) {
        await new Promise((r) => setTimeout(r, wait));
        wait = await limiter.acquire(sync.restApiKey);
      }
      if (wait > 0) {
        return {
          kind: 'retryable',
          status: null,
          reason: 'Braze rate limit of this workspace used up; waiting for its reset',
          resetAt: Date.now() + wait,
          maybeProcessed: false,
        };
      }
    }
    const outcome = await sendTrack({
      baseUrl: sync.brazeEndpoint,
      apiKey: sync.restApiKey,
      body,
      fetch: fetchImpl,
      timeoutMs: config.BRAZE_REQUEST_TIMEOUT_MS,
      allowedEndpoints: config.BRAZE_CUSTOM_ENDPOINTS,
    });
    // Refused here, before any request (delivery pauses such a sync before it gets this far):
    // Braze saw nothing, so it counts neither as a request nor as Braze's answer.
    if (outcome.kind === 'permanent' && outcome.cause === 'endpoint_not_allowed') return toSendOutcome(outcome);
    metrics.add(sync.id, { requests: 1, rateLimited: outcome.status === 429 ? 1 : 0 });
    await afterRequest('rate-limit window', limiter?.observe(sync.restApiKey, outcome.rateLimit, outcome.status === 429));
    const result = toSendOutcome(outcome);
    if (result.kind === 'accepted') options.onAccepted?.(sync.id);
    await afterRequest('delivery log entry', options.log?.(sync.id, {
      at: Date.now(),
      status: outcome.status,
      outcome: result.kind,
      ...(result.kind === 'accepted' ? {} : { reason: result.reason }),
      errors: result.kind === 'retryable' ? [] : result.minorErrors,
      body,
    }));
    return result;
  };
}

function minorErrorsOf(outcome: { minorErrors: { input_array: string; index: number; type: string }[] }): MinorError[] {
  return outcome.minorErrors
    .filter((e) => e.input_array === 'events' || e.input_array === 'attributes' || e.input_array === 'purchases')
    .map((e) => ({ array: e.input_array as MinorError['array'], index: e.index, reason: e.type }));
}

/**
 * Statuses that say Braze did not process the request (braze-api.md §3.4): 429 (rate limited),
 * 502 (failure before the destination server), 503 (reached, no capacity).
 */
const NOT_PROCESSED = new Set([429, 502, 503]);

/**
 * Whether Braze may have processed a request that did not succeed: the statuses above mean it
 * did not; 500, 504, timeouts and connections cut after they were made leave it unknown; a
 * connection never made (refused, unknown host) means it did not.
 */
function maybeProcessed(outcome: Extract<TrackOutcome, { kind: 'retryable' }>): boolean {
  if (outcome.status !== null) return !NOT_PROCESSED.has(outcome.status);
  return outcome.cause !== 'unreachable';
}

export function toSendOutcome(outcome: TrackOutcome): SendOutcome {
  switch (outcome.kind) {
    case 'accepted':
      return { kind: 'accepted', status: outcome.status, minorErrors: minorErrorsOf(outcome) };
    case 'queued':
      return { kind: 'accepted', status: outcome.status, minorErrors: [] };
    case 'retryable':
      return {
        kind: 'retryable',
        status: outcome.status,
        reason: outcome.reason,
        resetAt: outcome.retryAt ?? undefined,
        maybeProcessed: maybeProcessed(outcome),
      };
    case 'permanent':
      return {
        kind: 'permanent',
        status: outcome.status,
        reason: outcome.reason,
        minorErrors: minorErrorsOf(outcome),
        ...(refusedForTooManyObjects(outcome) ? { tooManyObjects: true } : {}),
      };
  }
}
