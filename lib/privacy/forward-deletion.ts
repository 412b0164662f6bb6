/**
 * One sync's part of a deletion: its `/users/delete` bodies sent to its Braze workspace, paced by
 * the workspace's user-management rate limiter (shared with every worker), each call written to
 * the sync's delivery log with Braze's answer. The log names how many users a call carried, not
 * who: a log entry naming the deleted user would be one more copy of that user.
 */
import { sendUsersDelete, type FetchLike, type UsersDeleteBody, type UsersDeleteOutcome } from '@/lib/braze';
import type { DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import { brazeCallOptions, observeAnswer, takeCall, WINDOW_USED_UP } from '@/lib/pipeline/state/braze-pacing';
import type { WorkspaceRateLimiter } from '@/lib/pipeline/state/rate-limiter';
import { countIdentifiers, type DeleteBodies } from '@/lib/privacy/delete-bodies';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export interface ForwardDeps {
  limiter: Pick<WorkspaceRateLimiter, 'acquire' | 'observe'>;
  log: (syncId: string, entry: DeliveryLogEntry) => void;
  fetch?: FetchLike;
}

export type ForwardResult =
  | { kind: 'done'; deleted: number; detail: string }
  | { kind: 'retry'; status: number | null; reason: string; resetAt?: number }
  | { kind: 'failed'; reason: string };

type SyncTarget = Pick<RuntimeSync, 'id' | 'brazeEndpoint' | 'restApiKey' | 'configurationProblem'>;

function summaryOf(body: UsersDeleteBody): Record<string, unknown> {
  const [list] = Object.keys(body);
  return { [list ?? 'ids']: `${countIdentifiers(body)} identifier(s)` };
}

function logEntryOf(body: UsersDeleteBody, outcome: UsersDeleteOutcome): DeliveryLogEntry {
  const reason = outcome.kind === 'accepted' ? (outcome.deleted === null ? 'Accepted; Braze gave no count' : `{"deleted": ${outcome.deleted}}`) : outcome.reason;
  const kind = outcome.kind === 'accepted' ? 'accepted' : outcome.kind;
  return { at: Date.now(), status: outcome.status, outcome: kind, reason, errors: [], body: {}, endpoint: '/users/delete', call: summaryOf(body) };
}

export async function forwardDeletion(sync: SyncTarget, payload: DeleteBodies, deps: ForwardDeps): Promise<ForwardResult> {
  if (sync.configurationProblem) return { kind: 'retry', status: null, reason: sync.configurationProblem };
  let deleted = 0;
  for (const body of payload.bodies) {
    const wait = await takeCall(deps.limiter, sync.restApiKey);
    if (wait > 0) return { kind: 'retry', status: null, reason: WINDOW_USED_UP, resetAt: Date.now() + wait };
    const outcome = await sendUsersDelete({ ...brazeCallOptions(sync, deps.fetch), body });
    await observeAnswer(deps.limiter, sync.restApiKey, outcome);
    if (!(outcome.kind === 'permanent' && outcome.cause === 'endpoint_not_allowed')) deps.log(sync.id, logEntryOf(body, outcome));
    if (outcome.kind === 'retryable') return { kind: 'retry', status: outcome.status, reason: outcome.reason, resetAt: outcome.retryAt ?? undefined };
    if (outcome.kind === 'permanent') return { kind: 'failed', reason: outcome.reason };
    deleted += outcome.deleted ?? 0;
  }
  const sent = payload.bodies.reduce((n, b) => n + countIdentifiers(b), 0);
  const unmapped = payload.unmapped.length > 0 ? ` ${payload.unmapped.length} user(s) have no Braze identifier under this sync's mapping and were not sent.` : '';
  const detail = payload.bodies.length === 0
    ? `Nothing to send.${unmapped}`
    : `Braze queued ${deleted} of ${sent} user(s) for deletion in ${payload.bodies.length} request(s).${unmapped}`;
  return { kind: 'done', deleted, detail };
}
