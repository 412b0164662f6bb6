/**
 * Fan-out's part in merging anonymous users: remembers which devices a sync sent under their
 * alias, claims the identifies an ingest job schedules (lib/anonymous/device-links), and puts
 * them in the job's first delivery job, whose `/users/identify` call goes before its objects.
 *
 * Order: each identified user's pending set (lib/pipeline/state/user-leases) gets the job, scored just
 * before the request's own ingestion time, so every other delivery job with that user's objects,
 * those of the same request included, waits until the identify finished.
 */
import type { JobsOptions } from 'bullmq';
import type { AnonymousPlan, IdentifyCandidate } from '@/lib/anonymous/anonymous-users';
import type { ClaimedIdentify } from '@/lib/anonymous/device-links';
import { FANOUT_DEDUP_TTL_MS, type DeliverItem, type DeliverJob, type IdentifyEntry } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export interface AnonymousDeviceStore {
  register: (syncId: string, deviceIds: readonly string[]) => Promise<void>;
  claim: (syncId: string, claimant: string, candidates: readonly IdentifyCandidate[]) => Promise<ClaimedIdentify[]>;
}

type NewJob = { name: string; data: DeliverJob; opts: JobsOptions };
type PendingEntry = { userKey: string; orderId: string; receivedAt: number };

export interface ScheduleInput {
  sync: Pick<RuntimeSync, 'id' | 'anonymousAliasLabel'>;
  /** The ingest job: it claims the identifies, and names the delivery jobs. */
  ingestJobId: string;
  receivedAt: number;
  plan: Pick<AnonymousPlan, 'anonymousDevices' | 'identifyCandidates'>;
  /** This sync's delivery jobs of the ingest job, in order; an identify-only job is added when empty. */
  jobs: NewJob[];
  pending: PendingEntry[];
  store: AnonymousDeviceStore;
}

export async function scheduleIdentifies(input: ScheduleInput): Promise<void> {
  const { sync, plan, store } = input;
  // Registered before any identify is claimed, so a device sent anonymously and identified by
  // the next request is found there.
  await store.register(sync.id, plan.anonymousDevices);
  const claimed = await store.claim(sync.id, input.ingestJobId, plan.identifyCandidates);
  if (claimed.length === 0) return;
  const identify: IdentifyEntry[] = claimed.map((c) => ({ ...c, aliasLabel: sync.anonymousAliasLabel }));
  let first = input.jobs[0];
  if (!first) {
    const id = `${input.ingestJobId}:${sync.id}:identify`;
    first = { name: 'deliver', data: { syncId: sync.id, items: [] }, opts: { deduplication: { id, ttl: FANOUT_DEDUP_TTL_MS } } };
    input.jobs.push(first);
  }
  const orderId = first.data.orderId ?? first.opts.deduplication!.id;
  first.data = { ...first.data, identify, orderId };
  for (const entry of identify) input.pending.push({ userKey: entry.userKey, orderId, receivedAt: input.receivedAt - 1 });
}

/**
 * Users whose later objects wait for a job until it finished: those whose attributes it updates,
 * and anonymous devices whose alias profile it creates (an alias event sent before its profile
 * exists is dropped by Braze, and an identify before it would find nothing to merge).
 */
export function pendingUserKeysOf(items: readonly DeliverItem[]): string[] {
  const keys = items.flatMap((i) => (i.remember ? [i.remember.userKey] : i.kind === 'attributes' && i.userKey ? [i.userKey] : []));
  return [...new Set(keys)];
}

/**
 * The profile keys an identify job orders: the users it identifies and their devices. It waits
 * for earlier updates of both, and (as the users' pending job) holds back their later objects.
 */
export function identifyUserKeysOf(job: Pick<DeliverJob, 'identify'>): { users: string[]; devices: string[] } {
  const entries = job.identify ?? [];
  return { users: entries.map((e) => e.userKey), devices: entries.map((e) => `d:${e.deviceId}`) };
}
