/**
 * The worker's `/users/identify` and `/users/merge` calls: lib/braze's allow-listed request,
 * paced by the workspace's user-management rate limiter (Braze counts identify and merge with
 * delete and alias in one shared window, braze-api.md §4.3), counted as requests of the sync, and
 * written to the sync's delivery log with Braze's answer.
 */
import { sendAliases, type AliasCall, type AliasToIdentify, type TrackOutcome } from '@/lib/braze';
import { env } from '@/lib/env';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import type { DeliveryLogEntry } from '@/lib/pipeline/delivery-log';
import type { WorkspaceRateLimiter } from '@/lib/pipeline/rate-limiter';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export type AliasCallOutcome =
  | { kind: 'accepted' }
  | { kind: 'retryable'; status: number | null; reason: string; resetAt?: number }
  | { kind: 'permanent'; status: number | null; reason: string };

export type SendAliasCall = (sync: RuntimeSync, call: AliasCall, aliases: AliasToIdentify[]) => Promise<AliasCallOutcome>;

export interface AliasSenderDeps {
  metrics: MetricsRecorder;
  limiter: Pick<WorkspaceRateLimiter, 'acquire' | 'observe'>;
  log: (syncId: string, entry: DeliveryLogEntry) => void;
  fetch?: typeof fetch;
}

/** Braze's answer as the delivery log shows it ("Braze answered: 201 {…}"). */
function answerOf(outcome: TrackOutcome): string {
  if (outcome.kind === 'accepted') return `${outcome.status} ${JSON.stringify(outcome.response)}`;
  return outcome.kind === 'queued' ? `${outcome.status} queued` : outcome.reason;
}

export function createAliasSender(deps: AliasSenderDeps): SendAliasCall {
  const config = env();
  return async (sync, call, aliases) => {
    const wait = await deps.limiter.acquire(sync.restApiKey);
    if (wait > 0) return { kind: 'retryable', status: null, reason: 'Braze rate limit of this workspace used up; waiting for its reset', resetAt: Date.now() + wait };
    const { outcome, path, body } = await sendAliases({
      baseUrl: sync.brazeEndpoint,
      apiKey: sync.restApiKey,
      call,
      aliases,
      fetch: deps.fetch ?? fetch,
      timeoutMs: config.BRAZE_REQUEST_TIMEOUT_MS,
      allowedEndpoints: config.BRAZE_CUSTOM_ENDPOINTS,
    });
    // Refused before any request: Braze saw nothing, so nothing is counted or logged.
    if (outcome.kind === 'permanent' && outcome.cause === 'endpoint_not_allowed') return { kind: 'permanent', status: null, reason: outcome.reason };
    deps.metrics.add(sync.id, { requests: 1, rateLimited: outcome.status === 429 ? 1 : 0 });
    if (outcome.status !== null) await deps.limiter.observe(sync.restApiKey, outcome.rateLimit, outcome.status === 429);
    const kind = outcome.kind === 'queued' ? 'accepted' : outcome.kind;
    deps.log(sync.id, { at: Date.now(), status: outcome.status, outcome: kind, reason: answerOf(outcome), errors: [], body: {}, endpoint: path, call: body });
    if (outcome.kind === 'retryable') return { kind: 'retryable', status: outcome.status, reason: outcome.reason, resetAt: outcome.retryAt ?? undefined };
    if (outcome.kind === 'permanent') return { kind: 'permanent', status: outcome.status, reason: outcome.reason };
    return { kind: 'accepted' };
  };
}
