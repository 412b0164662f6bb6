/**
 * The worker's `/users/identify` and `/users/merge` calls: lib/braze's allow-listed request,
 * paced by the workspace's user-management rate limiter (Braze counts identify and merge with
 * delete and alias in one shared window, braze-api.md §4.3), and written to the sync's delivery log
 * with Braze's answer.
 */
import { sendAliases, type AliasCall, type FetchLike, type AliasToIdentify, type SentAliases } from '@/lib/braze';
import type { DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import { brazeCallOptions, observeAnswer, takeCall, WINDOW_USED_UP } from '@/lib/pipeline/state/braze-pacing';
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
  fetch?: FetchLike;
}

/** Braze's answer as the delivery log shows it ("Braze answered: 201 {…}"); a failure's reason says more. */
function answerOf({ outcome, answer }: SentAliases): string {
  if (outcome.kind === 'retryable' || outcome.kind === 'permanent') return outcome.reason;
  return `${outcome.status} ${typeof answer === 'string' ? answer : JSON.stringify(answer)}`;
}

export function createAliasSender(deps: AliasSenderDeps): SendAliasCall {
  return async (sync, call, aliases) => {
    const wait = await takeCall(deps.limiter, sync.restApiKey);
    if (wait > 0) return { kind: 'retryable', status: null, reason: WINDOW_USED_UP, resetAt: Date.now() + wait };
    const sent = await sendAliases({ ...brazeCallOptions(sync, deps.fetch), call, aliases });
    const { outcome, path, body } = sent;
    // Refused before any request: Braze saw nothing, so nothing is logged. The sync's request
    // counts are of /users/track; these calls are in its delivery log.
    if (outcome.kind === 'permanent' && outcome.cause === 'endpoint_not_allowed') return { kind: 'permanent', status: null, reason: outcome.reason };
    await observeAnswer(deps.limiter, sync.restApiKey, outcome);
    const kind = outcome.kind === 'queued' ? 'accepted' : outcome.kind;
    deps.log(sync.id, { at: Date.now(), status: outcome.status, outcome: kind, reason: answerOf(sent), errors: [], body: {}, endpoint: path, call: body });
    if (outcome.kind === 'retryable') return { kind: 'retryable', status: outcome.status, reason: outcome.reason, resetAt: outcome.retryAt ?? undefined };
    if (outcome.kind === 'permanent') return { kind: 'permanent', status: outcome.status, reason: outcome.reason };
    return { kind: 'accepted' };
  };
}
