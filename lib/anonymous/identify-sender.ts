/**
 * The worker's `/users/identify` and `/users/merge` calls: lib/braze's allow-listed request,
 * paced by the workspace's user-management rate limiter (Braze counts identify and merge with
 * delete and alias in one shared window, braze-api.md §4.3), and written to the sync's delivery log
 * with Braze's answer.
 */
import { sendAliases, type AliasCall, type AliasToIdentify, type SentAliases } from '@/lib/braze';
import { env } from '@/lib/env';
import type { DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import type { WorkspaceRateLimiter } from '@/lib/pipeline/state/rate-limiter';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export type AliasCallOutcome =
  | { kind: 'accepted' }
  | { kind: 'retryable'; status: number | null; reason: string; resetAt?: number }
  | { kind: 'permanent'; status: number | null; reason: string };

export type SendAliasCall = (sync: RuntimeSync, call: AliasCall, aliases: AliasToIdentify[]) => Promise<AliasCallOutcome>;

export interface AliasSenderDeps {
  limiter: Pick<WorkspaceRateLimiter, 'acquire' | 'observe'>;
  log: (syncId: string, entry: DeliveryLogEntry) => void;
  fetch?: typeof fetch;
}

/** Braze's answer as the delivery log shows it ("Braze answered: 201 {…}"); a failure's reason says more. */
function answerOf({ outcome, answer }: SentAliases): string {
  if (outcome.kind === 'retryable' || outcome.kind === 'permanent') return outcome.reason;
  return `${outcome.status} ${typeof answer === 'string' ? answer : JSON.stringify(answer)}`;
}

export function createAliasSender(deps: AliasSenderDeps): SendAliasCall {
  const config = env();
  return async (sync, call, aliases) => {
    const wait = await deps.limiter.acquire(sync.restApiKey);
    if (wait > 0) return { kind: 'retryable', status: null, reason: 'Braze rate limit of this workspace used up; waiting for its reset', resetAt: Date.now() + wait };
    const sent = await sendAliases({
      baseUrl: sync.brazeEndpoint,
      apiKey: sync.restApiKey,
      call,
      aliases,
      fetch: deps.fetch ?? fetch,
      timeoutMs: config.BRAZE_REQUEST_TIMEOUT_MS,
      allowedEndpoints: config.BRAZE_CUSTOM_ENDPOINTS,
    });
    const { outcome, path, body } = sent;
    // Refused before any request: Braze saw nothing, so nothing is logged. The sync's request
    // counts are of /users/track; these calls are in its delivery log.
    if (outcome.kind === 'permanent' && outcome.cause === 'endpoint_not_allowed') return { kind: 'permanent', status: null, reason: outcome.reason };
    if (outcome.status !== null) await deps.limiter.observe(sync.restApiKey, outcome.rateLimit, outcome.status === 429);
    const kind = outcome.kind === 'queued' ? 'accepted' : outcome.kind;
    deps.log(sync.id, { at: Date.now(), status: outcome.status, outcome: kind, reason: answerOf(sent), errors: [], body: {}, endpoint: path, call: body });
    if (outcome.kind === 'retryable') return { kind: 'retryable', status: outcome.status, reason: outcome.reason, resetAt: outcome.retryAt ?? undefined };
    if (outcome.kind === 'permanent') return { kind: 'permanent', status: outcome.status, reason: outcome.reason };
    return { kind: 'accepted' };
  };
}
