/**
 * Delivery's first step for a job that carries identifies: each anonymous device's alias is
 * folded into its user, with `/users/identify` (or `/users/merge` for a user's further devices,
 * lib/braze/identify), up to Braze's 50 per request, before the job's own objects go, so the
 * user's later objects land on one profile holding the anonymous history. A device Braze already
 * accepted a call for (an earlier attempt of this job) is not sent again; a retryable answer
 * retries the whole job, these calls first.
 */
import { MAX_ALIASES_PER_CALL, type AliasCall, type AliasToIdentify } from '@/lib/braze';
import { childLogger } from '@/lib/log/logger';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import { RetryableDeliveryError } from '@/lib/pipeline/deliver/retry';
import type { IdentifyEntry } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import type { SendAliasCall } from '@/lib/anonymous/identify-sender';

const log = childLogger('identify');

export interface IdentifyAliasesDeps {
  send: SendAliasCall;
  metrics: MetricsRecorder;
  findUnidentified: (syncId: string, deviceIds: readonly string[]) => Promise<Set<string>>;
  markIdentified: (syncId: string, deviceIds: readonly string[]) => Promise<number>;
}

/** Braze's permanent refusal of a call; null when every call was accepted. */
export type IdentifyRefusal = { status: number | null; reason: string } | null;

export type IdentifyAliases = (sync: RuntimeSync, entries: readonly IdentifyEntry[]) => Promise<IdentifyRefusal>;

function toAlias(entry: IdentifyEntry): AliasToIdentify {
  return { external_id: entry.externalId, user_alias: { alias_name: entry.deviceId, alias_label: entry.aliasLabel } };
}

// Identifies first: a user's first device gives the user its profile, which later merges keep.
const CALLS: AliasCall[] = ['identify', 'merge'];

export function createIdentifyAliases(deps: IdentifyAliasesDeps): IdentifyAliases {
  return async (sync, entries) => {
    const open = await deps.findUnidentified(sync.id, entries.map((e) => e.deviceId));
    for (const call of CALLS) {
      const todo = entries.filter((e) => e.call === call && open.has(e.deviceId));
      for (let at = 0; at < todo.length; at += MAX_ALIASES_PER_CALL) {
        const batch = todo.slice(at, at + MAX_ALIASES_PER_CALL);
        const outcome = await deps.send(sync, call, batch.map(toAlias));
        if (outcome.kind === 'retryable') throw new RetryableDeliveryError(outcome.reason, outcome.status, outcome.resetAt);
        if (outcome.kind === 'permanent') {
          // The devices stay unidentified; the call and Braze's answer are in the delivery log.
          log.warn({ syncId: sync.id, call, devices: todo.length - at, reason: outcome.reason }, 'Braze refused to merge anonymous devices into their users');
          return outcome;
        }
        const identified = await deps.markIdentified(sync.id, batch.map((e) => e.deviceId));
        deps.metrics.add(sync.id, { identifiedAliases: identified });
      }
    }
    return null;
  };
}
