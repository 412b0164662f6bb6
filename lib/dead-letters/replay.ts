/**
 * Replaying dead letters once their cause is fixed: the Braze objects that were refused or
 * expired are queued for delivery again, each at most once at a time. Only what Braze never
 * accepted is ever a dead letter, so a replay cannot re-send an accepted event; the delivery
 * records each replayed letter as `delivered` or `failed` (and a new dead letter then keeps the
 * new reason).
 */
import { prisma } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
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

/** Called by delivery with the outcome of replayed letters. */
export async function recordReplayOutcome(delivered: string[], failed: string[]): Promise<void> {
  if (delivered.length > 0) {
    await prisma().deadLetter.updateMany({ where: { id: { in: delivered } }, data: { replayState: 'delivered', replayedAt: new Date() } });
  }
  if (failed.length > 0) await prisma().deadLetter.updateMany({ where: { id: { in: failed } }, data: { replayState: 'failed' } });
}
