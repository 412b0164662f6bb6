/** Failures for the dashboard: grouped by cause, and searchable one by one. */
import { prisma } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';

export interface FailureGroup {
  kind: string;
  status: number | null;
  error: string;
  count: number;
  lastSeenAt: string;
  exampleIds: string[];
  replayable: boolean;
}

const REPLAYABLE = new Set(['rejected', 'minor_error', 'expired', 'paused']);

export async function groupFailures(syncId: string, since: Date): Promise<FailureGroup[]> {
  // Letters delivered by a replay are resolved; NULL-safe, as SQL's NOT would drop NULLs.
  const unresolved: Prisma.DeadLetterWhereInput = { syncId, createdAt: { gte: since }, OR: [{ replayState: null }, { replayState: { not: 'delivered' } }] };
  const groups = await prisma().deadLetter.groupBy({
    by: ['kind', 'status', 'error'],
    where: unresolved,
    _count: true,
    _max: { createdAt: true },
    orderBy: { _count: { id: 'desc' } },
    take: 50,
  });
  return Promise.all(
    groups.map(async (g) => {
      const examples = await prisma().deadLetter.findMany({
        where: { ...unresolved, kind: g.kind, status: g.status, error: g.error },
        select: { id: true },
        orderBy: { createdAt: 'desc' },
        take: 3,
      });
      return {
        kind: g.kind,
        status: g.status,
        error: g.error,
        count: g._count,
        lastSeenAt: (g._max.createdAt ?? new Date(0)).toISOString(),
        exampleIds: examples.map((e) => e.id),
        replayable: REPLAYABLE.has(g.kind),
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
