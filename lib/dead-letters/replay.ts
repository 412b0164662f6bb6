/**
 * Replaying dead letters once their cause is fixed: the Braze objects that were refused or
 * expired are queued for delivery again. Only what Braze never accepted is ever a dead letter,
 * so a replay cannot re-send an accepted object.
 *
 * Re-entrant and exact: every replay queues jobs with ids of its own (a finished job of an
 * earlier replay never hides a later one), and first claims its letters — only letters not
 * already queued — by writing its job id on them in one conditional update, so overlapping
 * replays never queue a letter twice. The job sends only letters still claimed by it
 * (`keepClaimedReplays`), and the delivery records each as `delivered`, `failed` (with the new
 * reason) or `superseded`; a letter whose job is gone returns to `failed` (replay-reaper.ts).
 *
 * User updates are replayed with the attribute-cache record they were sent with (user, and per
 * attribute the event's time and the value's fingerprint), so delivery drops attributes a newer
 * sent value has superseded and records what the replay sent, as it does for first sends.
 *
 * Each job holds letters of one partition only (lib/queue/partitions: a user's leases and cache
 * are in the user's partition), named on the job so it is added to that partition's queue.
 */
import { randomUUID } from 'node:crypto';
import { prisma } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
import { isEventObject, isPurchaseObject, REPLAYABLE_KINDS } from '@/lib/dead-letters/letter-kinds';
import { MAX_REASON } from '@/lib/dead-letters/record';
import { deliverItemSchema, type DeliverItem, type DeliverJob } from '@/lib/queue/contracts';
import { queuePartitions } from '@/lib/queue/queues';

export { REPLAYABLE_KINDS };
const CHUNK = 75;
const MAX_LETTERS = 100_000;

export interface ReplaySelection {
  syncId: string;
  /** Replay exactly these letters… */
  ids?: string[];
  /** …or every letter of one cause. */
  cause?: { kind: string; status: number | null; error: string };
}

/** `partition`: the deliver queue's partition the job belongs in. */
export type AddDeliverJobs = (jobs: { name: string; data: DeliverJob; opts: { jobId: string }; partition: number }[]) => Promise<unknown>;

/** How many objects a replay queued: events and user updates. */
export interface ReplayQueued {
  queued: number;
  events: number;
  userUpdates: number;
}

type StoredLetter = { id: string; payload: unknown; eventType: string | null; userId: string | null; remember: unknown };

/** Letters of the selection that may be queued: replayable, never replayed or failed again. */
const requeuable = (sel: ReplaySelection): Prisma.DeadLetterWhereInput => ({
  syncId: sel.syncId,
  kind: { in: [...REPLAYABLE_KINDS] },
  OR: [{ replayState: null }, { replayState: 'failed' }],
  ...(sel.ids ? { id: { in: sel.ids } } : {}),
  ...(sel.cause ? { kind: sel.cause.kind, status: sel.cause.status, error: sel.cause.error } : {}),
});

const rememberSchema = deliverItemSchema.shape.remember;

function itemOf(letter: StoredLetter): DeliverItem {
  const object = letter.payload as Record<string, unknown>;
  const remember = rememberSchema.safeParse(letter.remember ?? undefined);
  return {
    kind: isEventObject(object) ? 'events' : isPurchaseObject(object) ? 'purchases' : 'attributes',
    object,
    receivedAt: Date.now(),
    eventType: letter.eventType ?? undefined,
    userId: letter.userId ?? undefined,
    deadLetterId: letter.id,
    ...(remember.success && remember.data ? { remember: remember.data } : {}),
  };
}

/**
 * Claims the letters among `ids` that are not queued already for `jobId`, in two conditional
 * updates (never replayed, failed again), so a job that cannot be queued gives each letter back
 * the state it had.
 */
async function claimLetters(sel: ReplaySelection, ids: string[], jobId: string) {
  const claim = (state: null | 'failed') =>
    prisma().deadLetter.updateMany({
      where: { ...requeuable(sel), id: { in: ids }, OR: undefined, replayState: state },
      data: { replayState: 'queued', replayJobId: jobId, replayedAt: new Date() },
    });
  const claimed = () => prisma().deadLetter.findMany({ where: { replayJobId: jobId, replayState: 'queued' }, orderBy: { createdAt: 'asc' } });
  await claim(null);
  const fresh = new Set((await claimed()).map((l) => l.id));
  await claim('failed');
  const letters = await claimed();
  const release = async () => {
    const back = (state: null | 'failed', where: string[]) =>
      prisma().deadLetter.updateMany({ where: { id: { in: where }, replayJobId: jobId, replayState: 'queued' }, data: { replayState: state, replayJobId: null } });
    await back(null, [...fresh]);
    await back('failed', letters.filter((l) => !fresh.has(l.id)).map((l) => l.id));
  };
  return { letters, release };
}

/** The user key a letter's job takes leases for (attributes), else its user's. */
function userKeyOfLetter(letter: Pick<StoredLetter, 'userId' | 'remember'>): string | null {
  const remember = rememberSchema.safeParse(letter.remember ?? undefined);
  if (remember.success && remember.data) return remember.data.userKey;
  return letter.userId ? `u:${letter.userId}` : null;
}

/** The letters' ids in chunks of at most CHUNK, each of one partition. */
async function chunksByPartition(syncId: string, letters: Pick<StoredLetter, 'id' | 'userId' | 'remember'>[]): Promise<{ partition: number; ids: string[] }[]> {
  const partitions = queuePartitions();
  const sync = partitions.count > 1 ? await prisma().sync.findUnique({ where: { id: syncId }, select: { projectId: true } }) : null;
  const partitionOf = (letter: (typeof letters)[number]) => {
    const userKey = userKeyOfLetter(letter);
    return sync && userKey ? partitions.ofKey(sync.projectId, userKey) : 0;
  };
  return [...partitions.group(letters, partitionOf)].flatMap(([partition, group]) =>
    Array.from({ length: Math.ceil(group.length / CHUNK) }, (_, k) => ({ partition, ids: group.slice(k * CHUNK, (k + 1) * CHUNK).map((l) => l.id) })),
  );
}

export async function replayDeadLetters(sel: ReplaySelection, addDeliverJobs: AddDeliverJobs): Promise<ReplayQueued> {
  if (!sel.ids && !sel.cause) throw new Error('Choose letters to replay: ids or a cause');
  const replayId = randomUUID();
  const candidates = await prisma().deadLetter.findMany({
    where: requeuable(sel),
    select: { id: true, userId: true, remember: true },
    orderBy: { createdAt: 'asc' },
    take: MAX_LETTERS,
  });
  const out: ReplayQueued = { queued: 0, events: 0, userUpdates: 0 };
  const chunks = await chunksByPartition(sel.syncId, candidates);
  for (const [n, { partition, ids }] of chunks.entries()) {
    const jobId = `replay-${replayId}-${n}`;
    const { letters, release } = await claimLetters(sel, ids, jobId);
    if (letters.length === 0) continue;
    const items = letters.map(itemOf);
    try {
      await addDeliverJobs([{ name: 'deliver', data: { syncId: sel.syncId, items }, opts: { jobId }, partition }]);
    } catch (err) {
      await release();
      throw err;
    }
    out.queued += items.length;
    out.events += items.filter((item) => item.kind !== 'attributes').length;
    out.userUpdates += items.filter((item) => item.kind === 'attributes').length;
  }
  return out;
}

export type ReplayProgress = Record<'queued' | 'delivered' | 'failed' | 'superseded', number>;

/** Progress of replays of a sync: how many letters wait, were delivered, failed again, were superseded. */
export async function replayProgress(syncId: string): Promise<ReplayProgress> {
  const groups = await prisma().deadLetter.groupBy({ by: ['replayState'], where: { syncId, replayState: { not: null } }, _count: true });
  const out: ReplayProgress = { queued: 0, delivered: 0, failed: 0, superseded: 0 };
  for (const g of groups) if (g.replayState && g.replayState in out) out[g.replayState as keyof ReplayProgress] = g._count;
  return out;
}

const replayIdsOf = (items: readonly DeliverItem[]) => items.flatMap((i) => (i.deadLetterId ? [i.deadLetterId] : []));

/**
 * Called by delivery before sending: the job's replayed letters that are still queued for this
 * job. A letter given back (its job was judged lost) or claimed by a later replay is left to
 * that replay, so no replay sends a letter another one holds. Other items are kept.
 */
export async function keepClaimedReplays(jobId: string | undefined, items: DeliverItem[]): Promise<DeliverItem[]> {
  const ids = replayIdsOf(items);
  if (ids.length === 0 || jobId === undefined) return items;
  const held = await prisma().deadLetter.findMany({ where: { id: { in: ids }, replayJobId: jobId, replayState: 'queued' }, select: { id: true } });
  const keep = new Set(held.map((l) => l.id));
  return items.filter((i) => !i.deadLetterId || keep.has(i.deadLetterId));
}

/** Called by delivery: Braze accepted these replayed letters. */
export async function recordReplayDeliveries(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await prisma().deadLetter.updateMany({ where: { id: { in: ids }, replayState: 'queued' }, data: { replayState: 'delivered', replayedAt: new Date() } });
}

/**
 * Called by delivery after it dropped attributes superseded by newer values already sent
 * (`before` → `after`): each replayed user update records the attributes it left out, and one
 * left with nothing to send is `superseded`. Returns how many letters were wholly superseded.
 */
export async function recordReplaySupersessions(before: readonly DeliverItem[], after: readonly DeliverItem[]): Promise<number> {
  const kept = new Map(after.flatMap((i) => (i.deadLetterId ? [[i.deadLetterId, i] as const] : [])));
  let superseded = 0;
  for (const item of before) {
    if (!item.deadLetterId || !item.remember) continue;
    const left = kept.get(item.deadLetterId);
    const dropped = Object.keys(item.remember.set).filter((f) => !left?.remember || !Object.hasOwn(left.remember.set, f));
    if (dropped.length === 0) continue;
    if (!left) superseded++;
    await prisma().deadLetter.updateMany({
      where: { id: item.deadLetterId, replayState: 'queued' },
      data: { supersededFields: dropped, ...(left ? {} : { replayState: 'superseded', replayedAt: new Date() }) },
    });
  }
  return superseded;
}

/**
 * Called by delivery: these replayed letters failed again. Each keeps its letter, which now
 * holds the new reason (and kind, when the delivery names one), so one object is one failure
 * however often it is replayed.
 */
export async function recordReplayFailures(failures: { id: string; reason: string; status: number | null; kind?: string }[]): Promise<void> {
  const byCause = new Map<string, { reason: string; status: number | null; kind?: string; ids: string[] }>();
  for (const f of failures) {
    const key = JSON.stringify([f.reason, f.status, f.kind ?? null]);
    const cause = byCause.get(key) ?? { reason: f.reason, status: f.status, kind: f.kind, ids: [] };
    cause.ids.push(f.id);
    byCause.set(key, cause);
  }
  for (const { reason, status, kind, ids } of byCause.values()) {
    await prisma().deadLetter.updateMany({
      where: { id: { in: ids }, replayState: 'queued' },
      data: { replayState: 'failed', replayedAt: new Date(), error: reason.slice(0, MAX_REASON), status, ...(kind ? { kind } : {}) },
    });
  }
}
