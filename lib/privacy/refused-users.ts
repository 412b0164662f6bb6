/**
 * Users deleted within their project's grace period: their events are refused at ingestion,
 * dropped by fan-out and left out of delivery jobs still queued, so a deleted user is not
 * re-created in Braze by events sent before the deletion or by a client that keeps sending.
 * Each process holds the list in memory (no database round trip per event) and reloads it every
 * `refreshMs`; the worker that purges a deletion reloads at once. "Allow again" in Settings (a
 * person deciding the user may come back) removes a user from the list before the period ends.
 */
import { prisma } from '@/lib/db/prisma';
import { childLogger } from '@/lib/log/logger';

const log = childLogger('refused-users');

export interface RefusedUserLookup {
  /** Whether events of this user are refused now. */
  isRefused(projectId: string, userId: string | undefined | null): boolean;
}

/** What ingestion needs: the lookup, and counting what it refused. */
export interface RefusalCheck extends RefusedUserLookup {
  countRefused(projectId: string, userIds: readonly string[]): Promise<void>;
}

export class RefusedUsers implements RefusalCheck {
  private byProject = new Map<string, Map<string, number>>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly refreshMs = 2_000) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      // The last known list keeps applying while the database is unreachable.
      this.refresh().catch((err: Error) => log.warn({ err: err.message }, 'refused users not reloaded; the last list applies'));
    }, this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const rows = await prisma().refusedUser.findMany({ where: { until: { gt: new Date() } }, select: { projectId: true, userId: true, until: true } });
    const next = new Map<string, Map<string, number>>();
    for (const row of rows) {
      let users = next.get(row.projectId);
      if (!users) next.set(row.projectId, (users = new Map()));
      users.set(row.userId, row.until.getTime());
    }
    this.byProject = next;
  }

  isRefused(projectId: string, userId: string | undefined | null): boolean {
    if (!userId) return false;
    const until = this.byProject.get(projectId)?.get(userId);
    return until !== undefined && until > Date.now();
  }

  countRefused(projectId: string, userIds: readonly string[]): Promise<void> {
    return countRefusedEvents(projectId, userIds);
  }
}

/** Counts events refused at ingestion on the users' records (shown with the deletion in Settings). */
export async function countRefusedEvents(projectId: string, userIds: readonly string[]): Promise<void> {
  const counts = new Map<string, number>();
  for (const userId of userIds) counts.set(userId, (counts.get(userId) ?? 0) + 1);
  await Promise.all(
    [...counts].map(([userId, n]) => prisma().refusedUser.updateMany({ where: { projectId, userId }, data: { refusedEvents: { increment: n } } })),
  );
}

/** Events of this user are taken again from now on (a person decided so in Settings). */
export async function allowUserAgain(projectId: string, userId: string): Promise<void> {
  await prisma().refusedUser.deleteMany({ where: { projectId, userId } });
}
