/**
 * The worker's `/users/identify` call: lib/braze's allow-listed request, paced by the workspace's
 * user-management rate limiter (Braze counts identify with delete, alias and merge in one shared
 * window, braze-api.md §4.3), counted as a request of the sync, and written to the sync's delivery
 * log with Braze's answer.
 */
import { sendIdentify, type AliasToIdentify, type TrackOutcome } from '@/lib/braze';
import { env } from '@/lib/env';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import type { DeliveryLogEntry } from '@/lib/pipeline/delivery-log';
import type { WorkspaceRateLimiter } from '@/lib/pipeline/rate-limiter';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export type IdentifyOutcome =
  | { kind: 'accepted' }
  | { kind: 'retryable'; status: number | null; reason: string; resetAt?: number }
  | { kind: 'permanent'; status: number | null; reason: string };

export type SendIdentify = (sync: RuntimeSync, aliases: AliasToIdentify[]) => Promise<IdentifyOutcome>;

export interface IdentifySenderDeps {
  metrics: MetricsRecorder;
  limiter: Pick<WorkspaceRateLimiter, 'acquire' | 'observe'>;
  log: (syncId: string, entry: DeliveryLogEntry) => void;
  fetch?: typeof fetch;
}

function logEntryOf(aliases: AliasToIdentify[], outcome: TrackOutcome): DeliveryLogEntry {
  const answer = outcome.kind === 'accepted' ? `Braze answered ${outcome.status}: ${JSON.stringify(outcome.response)}` : outcome.kind === 'queued' ? outcome.message : outcome.reason;
  const kind = outcome.kind === 'queued' ? 'accepted' : outcome.kind;
  return { at: Date.now(), status: outcome.status, outcome: kind, reason: answer, errors: [], body: {}, endpoint: '/users/identify', call: { aliases_to_identify: aliases } };
}

export function createIdentifySender(deps: IdentifySenderDeps): SendIdentify {
  const config = env();
  return async (sync, aliases) => {
    const wait = await deps.limiter.acquire(sync.restApiKey);
    if (wait > 0) return { kind: 'retryable', status: null, reason: 'Braze rate limit of this workspace used up; waiting for its reset', resetAt: Date.now() + wait };
    const outcome = await sendIdentify({
      baseUrl: sync.brazeEndpoint,
      apiKey: sync.restApiKey,
      aliases,
      fetch: deps.fetch ?? fetch,
      timeoutMs: config.BRAZE_REQUEST_TIMEOUT_MS,
      allowedEndpoints: config.BRAZE_CUSTOM_ENDPOINTS,
    });
    // Refused before any request: Braze saw nothing, so nothing is counted or logged.
    if (outcome.kind === 'permanent' && outcome.cause === 'endpoint_not_allowed') return { kind: 'permanent', status: null, reason: outcome.reason };
    deps.metrics.add(sync.id, { requests: 1, rateLimited: outcome.status === 429 ? 1 : 0 });
    if (outcome.status !== null) await deps.limiter.observe(sync.restApiKey, outcome.rateLimit, outcome.status === 429);
    deps.log(sync.id, logEntryOf(aliases, outcome));
    if (outcome.kind === 'retryable') return { kind: 'retryable', status: outcome.status, reason: outcome.reason, resetAt: outcome.retryAt ?? undefined };
    if (outcome.kind === 'permanent') return { kind: 'permanent', status: outcome.status, reason: outcome.reason };
    return { kind: 'accepted' };
  };
}
