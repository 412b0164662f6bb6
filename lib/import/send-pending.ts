/**
 * Sends one request an import built, until Braze has given it a final answer. As delivery does
 * (lib/pipeline/deliver/deliver-job): attribute values this sync has meanwhile sent from a newer event
 * (live traffic) are taken out first, so history never overwrites them; accepted values enter the
 * attribute cache; objects Braze refuses become dead letters. Rate limits, 5xx and timeouts are
 * waited out here (Braze's reset, else a backoff to a minute), checking whether to stop meanwhile.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from '@/lib/queue/connection';
import { attributeMinorErrors, buildTrackBatch } from '@/lib/braze';
import { ImportFailure } from '@/lib/import/import-failure';
import type { ImportSend } from '@/lib/import/import-sender';
import { loadSentValuesAcross, rememberSentValuesAcross } from '@/lib/pipeline/state/cache-across-partitions';
import { recordDeadLetters } from '@/lib/dead-letters/record';
import type { TrackBody } from '@/lib/pipeline/deliver/send-track';
import { pruneSupersededAttributes } from '@/lib/pipeline/deliver/superseded-attributes';
import type { DeliverItem } from '@/lib/queue/contracts';
import type { Partitions } from '@/lib/queue/partitions';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export interface SendContext {
  redis: RedisClient;
  /** The attribute cache is in each user's partition. */
  partitions: Partitions;
  sync: RuntimeSync;
  sharePercent: number;
  send: ImportSend;
  shouldStop: () => Promise<boolean>;
}

/** Braze's answers that mean the key or endpoint is wrong: no request of this import can succeed. */
const FATAL_STATUSES = new Set([401, 403, 404]);
const MAX_BACKOFF_MS = 60_000;
const STOP_CHECK_MS = 1_000;

function letterOf(item: DeliverItem, reason: string) {
  return { event: item.object, reason, eventType: item.eventType, userId: item.userId, remember: item.remember };
}

/** Waits `ms` in short steps; true when told to stop meanwhile. */
async function waitOrStop(ms: number, shouldStop: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await sleep(Math.min(STOP_CHECK_MS, until - Date.now()));
    if (await shouldStop()) return true;
  }
  return false;
}

export async function sendPendingRequest(ctx: SendContext, request: DeliverItem[]): Promise<{ sent: number; failed: number } | 'stopped'> {
  const { sync } = ctx;
  let items = request;
  const userKeys = items.flatMap((i) => (i.remember ? [i.remember.userKey] : []));
  if (userKeys.length > 0) items = pruneSupersededAttributes(items, await loadSentValuesAcross({ ...ctx, projectId: sync.projectId }, sync.id, userKeys)).items;
  if (items.length === 0) return { sent: 0, failed: 0 };
  const batch = buildTrackBatch(items.map((item) => ({ array: item.kind, object: item.object, item })));
  for (let attempt = 0; ; attempt++) {
    const outcome = await ctx.send(sync, batch.body as TrackBody, ctx.sharePercent, ctx.shouldStop);
    if (outcome === 'stopped') return 'stopped';
    if (outcome.kind === 'retryable') {
      const backoff = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** attempt);
      if (await waitOrStop(Math.max(backoff, (outcome.retryAt ?? 0) - Date.now()), ctx.shouldStop)) return 'stopped';
      continue;
    }
    if (outcome.kind === 'permanent' && outcome.status !== null && FATAL_STATUSES.has(outcome.status)) {
      throw new ImportFailure(`Braze refused the requests (${outcome.status}: ${outcome.reason}); fix the sync's REST API key or endpoint, then resume`);
    }
    const refused = new Map<DeliverItem, string>();
    const named = outcome.kind === 'queued' ? [] : attributeMinorErrors(batch, outcome.minorErrors);
    for (const { error, item } of named) if (item) refused.set(item.item, error.reason);
    if (outcome.kind === 'permanent') {
      await recordDeadLetters(sync.id, 'rejected', outcome.status, items.map((i) => letterOf(i, refused.has(i) ? `${outcome.reason}: ${refused.get(i)}` : outcome.reason)));
      return { sent: 0, failed: items.length };
    }
    await recordDeadLetters(sync.id, 'minor_error', outcome.status, [...refused].map(([i, reason]) => letterOf(i, reason)));
    const delivered = items.filter((i) => !refused.has(i));
    await rememberSentValuesAcross({ ...ctx, projectId: sync.projectId }, sync.id, delivered.flatMap((i) => (i.remember ? [i.remember] : [])));
    return { sent: delivered.length, failed: refused.size };
  }
}
