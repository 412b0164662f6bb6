/** Failures for the dashboard: grouped by cause, and searchable one by one. */
import { prisma } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
import { isContentError, isReplayableKind, RESOLVED_STATES } from '@/lib/dead-letters/letter-kinds';

export interface FailureGroup {
  kind: string;
  status: number | null;
  error: string;
  /** Braze objects of this cause: events plus user updates. */
  count: number;
  events: number;
  userUpdates: number;
  lastSeenAt: string;
  exampleIds: string[];
  /** A replay may deliver them (the moment was wrong, not the content). */
  replayable: boolean;
  /** Braze refuses the content itself: fixed in the source, not by a replay. */
  contentError: boolean;
}

/** Letters not resolved by a replay (delivered, or superseded by newer values already sent). */
const unresolvedOf = (syncId: string, since: Date): Prisma.DeadLetterWhereInput => ({
  syncId,
  createdAt: { gte: since },
  // NULL-safe, as SQL's NOT IN would drop NULLs.
  OR: [{ replayState: null }, { replayState: { notIn: [...RESOLVED_STATES] } }],
});

type GroupRow = { kind: string; status: number | null; error: string; count: number; events: number; lastSeenAt: Date };

// The event test mirrors isEventObject and isPurchaseObject (letter-kinds; purchases count with
// events); `invalid` letters hold source events.
const GROUPS_SQL = `
  SELECT "kind", "status", "error", count(*)::int AS "count",
    count(*) FILTER (WHERE "kind" = 'invalid' OR ("payload" ? 'time' AND (jsonb_typeof("payload"->'name') = 'string' OR (jsonb_typeof("payload"->'product_id') = 'string' AND "payload" ? 'price'))))::int AS "events",
    max("created_at") AS "lastSeenAt"
  FROM "dead_letters"
  WHERE "sync_id" = $1 AND "created_at" >= $2 AND ("replay_state" IS NULL OR "replay_state" <> ALL($3::text[]))
  GROUP BY "kind", "status", "error"
  ORDER BY count(*) DESC
  LIMIT 50`;

export async function groupFailures(syncId: string, since: Date): Promise<FailureGroup[]> {
  const groups = await prisma().$queryRawUnsafe<GroupRow[]>(GROUPS_SQL, syncId, since, [...RESOLVED_STATES]);
  return Promise.all(
    groups.map(async (g) => {
      const examples = await prisma().deadLetter.findMany({
        where: { ...unresolvedOf(syncId, since), kind: g.kind, status: g.status, error: g.error },
        select: { id: true },
        orderBy: { createdAt: 'desc' },
        take: 3,
      });
      return {
        kind: g.kind,
        status: g.status,
        error: g.error,
        count: g.count,
        events: g.events,
        userUpdates: g.count - g.events,
        lastSeenAt: new Date(g.lastSeenAt).toISOString(),
        exampleIds: examples.map((e) => e.id),
        replayable: isReplayableKind(g.kind),
        contentError: isContentError(g.kind),
      };
    }),
  );
}

export interface DeadLetterSearch {
  userId?: string;
  eventType?: string;
  from?: Date;
  to?: Date;
  /** Id of the last row of the previous page. */
  cursor?: string;
  limit?: number;
}

export async function searchDeadLetters(syncId: string, q: DeadLetterSearch) {
  const where: Prisma.DeadLetterWhereInput = {
    syncId,
    ...(q.userId ? { userId: q.userId } : {}),
    ...(q.eventType ? { eventType: q.eventType } : {}),
    ...(q.from || q.to ? { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } : {}),
  };
  const limit = Math.min(q.limit ?? 50, 200);
  const rows = await prisma().deadLetter.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  });
  return { rows: rows.slice(0, limit), nextCursor: rows.length > limit ? rows[limit - 1]!.id : null };
}
