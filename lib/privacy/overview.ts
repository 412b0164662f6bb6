/**
 * What Settings shows of user deletions: whether a privacy secret key exists (its last four
 * characters only), the grace period, recent requests with their steps, and the users whose
 * events are refused now, with how many were refused.
 */
import { prisma } from '@/lib/db/prisma';

const RECENT_REQUESTS = 50;

export interface PrivacyOverview {
  secretLast4: string | null;
  graceDays: number;
  requests: {
    id: string;
    userIds: string[];
    amplitudeIds: string[];
    requester: string | null;
    source: string;
    status: string;
    createdAt: string;
    finishedAt: string | null;
    steps: { id: string; kind: string; syncName: string | null; status: string; attempts: number; detail: string | null; deleted: number | null }[];
  }[];
  refusedUsers: { userId: string; until: string; refusedEvents: number }[];
}

export async function readPrivacyOverview(projectId: string): Promise<PrivacyOverview> {
  const [project, requests, refused] = await Promise.all([
    prisma().project.findUniqueOrThrow({ where: { id: projectId }, select: { deletionSecretLast4: true, deletionGraceDays: true } }),
    prisma().deletionRequest.findMany({
      where: { projectId },
      orderBy: { createdAt: 'desc' },
      take: RECENT_REQUESTS,
      include: { steps: { orderBy: [{ kind: 'desc' }, { syncName: 'asc' }] } },
    }),
    prisma().refusedUser.findMany({ where: { projectId, until: { gt: new Date() } }, orderBy: { until: 'desc' } }),
  ]);
  return {
    secretLast4: project.deletionSecretLast4,
    graceDays: project.deletionGraceDays,
    requests: requests.map((r) => ({
      id: r.id,
      userIds: r.userIds,
      amplitudeIds: r.amplitudeIds,
      requester: r.requester,
      source: r.source,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      steps: r.steps.map((s) => ({ id: s.id, kind: s.kind, syncName: s.syncName, status: s.status, attempts: s.attempts, detail: s.detail, deleted: s.deleted })),
    })),
    refusedUsers: refused.map((u) => ({ userId: u.userId, until: u.until.toISOString(), refusedEvents: u.refusedEvents })),
  };
}

export async function saveGraceDays(projectId: string, graceDays: number): Promise<void> {
  await prisma().project.update({ where: { id: projectId }, data: { deletionGraceDays: graceDays } });
}

/** Deletions forwarded to one sync's workspace: requests sent, Braze's deleted count, and failures. */
export async function readSyncDeletions(syncId: string): Promise<{ forwarded: number; deletedInBraze: number; failed: number; inProgress: number }> {
  const groups = await prisma().deletionStep.groupBy({ by: ['status'], where: { syncId, kind: 'forward' }, _count: { _all: true }, _sum: { deleted: true } });
  const of = (status: string) => groups.find((g) => g.status === status);
  return {
    forwarded: of('done')?._count._all ?? 0,
    deletedInBraze: of('done')?._sum.deleted ?? 0,
    failed: of('failed')?._count._all ?? 0,
    inProgress: (of('pending')?._count._all ?? 0) + (of('retrying')?._count._all ?? 0),
  };
}
