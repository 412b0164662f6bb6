/**
 * Users deleted within their project's grace period: their events are refused at ingestion,
 * dropped by fan-out and left out of delivery jobs still queued, so a deleted user is not
 * re-created in Braze by events sent before the deletion or by a client that keeps sending.
 * Each process holds the list in memory (no database round trip per event) and reloads it every
 * `refreshMs`; the worker that purges a deletion reloads at once. "Allow again" in Settings (a
 * person deciding the user may come back) removes a user from the list before the period ends.
 */
import { prisma } from '@/lib/db/prisma';
import { ReloadedSnapshot } from '@/lib/db/reloaded-snapshot';

export interface RefusedUserLookup {
  /** Whether events of this user are refused now. */
  isRefused(projectId: string, userId: string | undefined | null): boolean;
}

/** What ingestion needs: the lookup, and counting what it refused. */
export interface RefusalCheck extends RefusedUserLookup {
  countRefused(projectId: string, userIds: readonly string[]): Promise<void>;
}

export class RefusedUsers implements RefusalCheck {
  private readonly snapshot: ReloadedSnapshot<Map<string, Map<string, number>>>;

  constructor(refreshMs = 2_000) {
    this.snapshot = new ReloadedSnapshot({ load: loadRefusedUsers, refreshMs, what: 'refused users' });
  }

  /** Loads the list; the last known list keeps applying while the database is unreachable. */
  start(): Promise<void> {
    return this.snapshot.start();
  }

  stop(): void {
    this.snapshot.stop();
  }

  /** Reloads at once (after a deletion was purged). */
  async refresh(): Promise<void> {
    await this.snapshot.refresh();
  }

  isRefused(projectId: string, userId: string | undefined | null): boolean {
    if (!userId) return false;
    const until = this.snapshot.current?.get(projectId)?.get(userId);
    return until !== undefined && until > Date.now();
  }

  countRefused(projectId: string, userIds: readonly string[]): Promise<void> {
    return countRefusedEvents(projectId, userIds);
  }
}

async function loadRefusedUsers(): Promise<Map<string, Map<string, number>>> {
  const rows = await prisma().refusedUser.findMany({ where: { until: { gt: new Date() } }, select: { projectId: true, userId: true, until: true } });
  const byProject = new Map<string, Map<string, number>>();
  for (const row of rows) {
    let users = byProject.get(row.projectId);
    if (!users) byProject.set(row.projectId, (users = new Map()));
    users.set(row.userId, row.until.getTime());
  }
  return byProject;
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
