/**
 * One batch of imported events becomes `/users/track` requests, through what live traffic's
 * fan-out uses: the user model (lib/users/profile-store; each property keeps the time of the
 * event that wrote it, so history never overwrites a newer value), the sync's identifier mapping,
 * filters and selected properties (buildItemsForSync), and the per-sync attribute cache (values
 * this sync already sent are left out). Events come in time order, and a user's update goes
 * before that user's event. With "attributes only", no custom event is built. Events that live
 * traffic already took (their `insert_id` claimed within the de-duplication window,
 * lib/ingest/dedup) are skipped.
 *
 * The user-model write and the progress write (import-progress) are two steps: a worker that dies
 * between them reads the batch again over profiles that already hold it. That batch still builds
 * the same updates: an export event's user properties are a snapshot (plain keys, read as $set),
 * a $set is reported even when it writes the value already stored, a write is stale only against
 * a strictly newer one, and the attribute cache learns a value only once Braze accepted it.
 */
import type { RedisClient } from '@/lib/queue/connection';
import type { AmplitudeEvent } from '@/lib/amplitude';
import { chunkTrackObjects } from '@/lib/braze';
import { dedupKey } from '@/lib/ingest/dedup';
import { loadSentValuesAcross } from '@/lib/pipeline/state/cache-across-partitions';
import { buildItemsForSync, readsUserProperties } from '@/lib/pipeline/fan-out/build-items';
import { isAttributesThenEventOfOneUser } from '@/lib/pipeline/fan-out/fanout';
import { recordDeadLetters } from '@/lib/dead-letters/record';
import type { DeliverItem } from '@/lib/queue/contracts';
import type { Partitions } from '@/lib/queue/partitions';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import { applyUserModel, userKeyOf } from '@/lib/users/profile-store';

export interface BatchContext {
  redis: RedisClient;
  /** Live traffic's claims and caches are in each user's partition. */
  partitions: Partitions;
  sync: RuntimeSync;
  attributesOnly: boolean;
}

export interface BuiltBatch {
  requests: DeliverItem[][];
  skipped: number;
  invalid: number;
}

/** Events whose insert_id live traffic already claimed (and so delivered or is delivering). */
async function takenByLiveTraffic(ctx: BatchContext, events: readonly AmplitudeEvent[]): Promise<Set<AmplitudeEvent>> {
  const keyed = events.filter((e): e is AmplitudeEvent & { insert_id: string } => typeof e.insert_id === 'string' && e.insert_id !== '');
  if (keyed.length === 0) return new Set();
  const { partitions } = ctx;
  const projectId = ctx.sync.projectId;
  const taken = new Set<AmplitudeEvent>();
  // One pipeline per partition: a claim is in the partition of its event's user.
  const groups = partitions.group(keyed, (e) => partitions.ofEvent(projectId, e));
  await Promise.all(
    [...groups].map(async ([p, group]) => {
      const pipeline = ctx.redis.pipeline();
      for (const e of group) pipeline.exists(dedupKey(partitions.prefixOf(p), projectId, e));
      const results = (await pipeline.exec()) ?? [];
      group.forEach((e, i) => {
        const [err, found] = results[i] ?? [new Error('no reply'), 0];
        if (err) throw err;
        if (found === 1) taken.add(e);
      });
    }),
  );
  return taken;
}

export async function buildImportBatch(ctx: BatchContext, batch: readonly AmplitudeEvent[]): Promise<BuiltBatch> {
  const taken = await takenByLiveTraffic(ctx, batch);
  // Stable sort: events of one time keep the archive's order.
  const events = batch.filter((e) => !taken.has(e)).sort((a, b) => a.time - b.time);
  const sync: RuntimeSync = ctx.attributesOnly ? { ...ctx.sync, sendEvents: false } : ctx.sync;
  const users = await applyUserModel(sync.projectId, events, { views: readsUserProperties(sync) });
  const changed = [...users.changes.keys()].map((i) => userKeyOf(events[i]!)).filter((k): k is string => k !== null);
  const sent = sync.sendUsers && changed.length > 0 ? await loadSentValuesAcross({ ...ctx, projectId: sync.projectId }, sync.id, changed) : new Map();
  const built = buildItemsForSync(sync, events, Date.now(), users, sent);
  if (built.invalid.length > 0) await recordDeadLetters(sync.id, 'invalid', null, built.invalid.map(({ event, reason }) => ({ event, reason })));
  const chunks = chunkTrackObjects(
    built.items.map((item) => ({ array: item.kind, object: item.object, ref: item })),
    sync.objectLimitMode,
    { keepTogether: (previous, item) => isAttributesThenEventOfOneUser(previous.ref, item.ref) },
  );
  // With attributes only, events are not sent by choice: not counted as skipped.
  const filtered = ctx.attributesOnly ? 0 : built.filtered;
  return { requests: chunks.map((c) => c.items.map((i) => i.ref)), skipped: taken.size + filtered + built.skipped, invalid: built.invalid.length };
}
