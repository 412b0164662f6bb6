/**
 * Replaying dead letters once their cause is fixed: the Braze objects that were refused or
 * expired are queued for delivery again, each at most once at a time. Only what Braze never
 * accepted is ever a dead letter, so a replay cannot re-send an accepted event; the delivery
 * records each replayed letter as `delivered` or `failed` (the letter then keeps the new reason).
 */
import { prisma } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
import { MAX_REASON } from '@/lib/pipeline/dead-letters';
import type { DeliverItem, DeliverJob } from '@/lib/queue/contracts';

/** Letters whose payload is a Braze object (not a source event that could not become one). */
export const REPLAYABLE_KINDS = ['rejected', 'minor_error', 'expired', 'paused'];
const CHUNK = 75;

export interface ReplaySelection {
  syncId: string;
  /** Replay exactly these letters… */
  ids?: string[];
  /** …or every letter of one cause. */
  cause?: { kind: string; status: number | null; error: string };
}

export type AddDeliverJobs = (jobs: { name: string; data: DeliverJob; opts: { jobId: string } }[]) => Promise<unknown>;

function whereOf(sel: ReplaySelection): Prisma.DeadLetterWhereInput {
  return {
    syncId: sel.syncId,
    kind: { in: REPLAYABLE_KINDS },
    // Already queued or delivered letters are never queued twice.
    OR: [{ replayState: null }, { replayState: 'failed' }],
    ...(sel.ids ? { id: { in: sel.ids } } : {}),
    ...(sel.cause ? { kind: sel.cause.kind, status: sel.cause.status, error: sel.cause.error } : {}),
  };
}

function itemOf(letter: { id: string; payload: unknown; eventType: string | null; userId: string | null; createdAt: Date }): DeliverItem {
  const object = letter.payload as Record<string, unknown>;
  const isEvent = typeof object.name === 'string' && object.time !== undefined;
  return {
    kind: isEvent ? 'events' : 'attributes',
    object,
    receivedAt: Date.now(),
    eventType: letter.eventType ?? undefined,
    userId: letter.userId ?? undefined,
    deadLetterId: letter.id,
  };
}

export async function replayDeadLetters(sel: ReplaySelection, addDeliverJobs: AddDeliverJobs): Promise<{ queued: number }> {
  if (!sel.ids && !sel.cause) throw new Error('Choose letters to replay: ids or a cause');
  const letters = await prisma().deadLetter.findMany({ where: whereOf(sel), orderBy: { createdAt: 'asc' }, take: 100_000 });
  for (let i = 0; i < letters.length; i += CHUNK) {
    const part = letters.slice(i, i + CHUNK);
    await prisma().deadLetter.updateMany({ where: { id: { in: part.map((l) => l.id) } }, data: { replayState: 'queued' } });
    // The job id names the letters, so pressing Replay twice cannot queue them twice.
    await addDeliverJobs([
      { name: 'deliver', data: { syncId: sel.syncId, items: part.map(itemOf) }, opts: { jobId: `replay-${part[0]!.id}-${part.length}` } },
    ]);
  }
  return { queued: letters.length };
}

/** Progress of replays of a sync: how many letters wait, were delivered, failed again. */
export async function replayProgress(syncId: string): Promise<Record<'queued' | 'delivered' | 'failed', number>> {
  const groups = await prisma().deadLetter.groupBy({ by: ['replayState'], where: { syncId, replayState: { not: null } }, _count: true });
  const out = { queued: 0, delivered: 0, failed: 0 };
  for (const g of groups) if (g.replayState && g.replayState in out) out[g.replayState as keyof typeof out] = g._count;
  return out;
}

/** Called by delivery: Braze accepted these replayed letters. */
export async function recordReplayDeliveries(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await prisma().deadLetter.updateMany({ where: { id: { in: ids } }, data: { replayState: 'delivered', replayedAt: new Date() } });
}

/**
 * Called by delivery: these replayed letters failed again. Each keeps its letter, which now
 * holds the new reason, so one event is one failure however often it is replayed.
 */
export async function recordReplayFailures(failures: { id: string; reason: string; status: number | null }[]): Promise<void> {
  const byCause = new Map<string, { reason: string; status: number | null; ids: string[] }>();
  for (const f of failures) {
    const key = JSON.stringify([f.reason, f.status]);
    const cause = byCause.get(key) ?? { reason: f.reason, status: f.status, ids: [] };
    cause.ids.push(f.id);
    byCause.set(key, cause);
  }
  for (const { reason, status, ids } of byCause.values()) {
    await prisma().deadLetter.updateMany({
      where: { id: { in: ids } },
      data: { replayState: 'failed', replayedAt: new Date(), error: reason.slice(0, MAX_REASON), status },
    });
  }
}
