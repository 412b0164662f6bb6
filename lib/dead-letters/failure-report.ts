/**
 * Failures of a sync grouped by cause, each with its example events in full, and how replays of
 * the sync are going: what the failures view shows in one answer.
 */
import { prisma } from '@/lib/db/prisma';
import { toDeadLetterView, type DeadLetterView } from '@/lib/dead-letters/dead-letter-view';
import { groupFailures, type FailureGroup } from '@/lib/dead-letters/queries';
import { replayProgress } from '@/lib/dead-letters/replay';

export interface FailureReport {
  groups: (FailureGroup & { examples: DeadLetterView[] })[];
  replay: Awaited<ReturnType<typeof replayProgress>>;
}

export async function loadFailureReport(syncId: string, since: Date): Promise<FailureReport> {
  const [groups, replay] = await Promise.all([groupFailures(syncId, since), replayProgress(syncId)]);
  const ids = groups.flatMap((g) => g.exampleIds);
  const rows = ids.length > 0 ? await prisma().deadLetter.findMany({ where: { syncId, id: { in: ids } } }) : [];
  const byId = new Map(rows.map((r) => [r.id, toDeadLetterView(r)]));
  return {
    groups: groups.map((g) => ({ ...g, examples: g.exampleIds.flatMap((id) => byId.get(id) ?? []) })),
    replay,
  };
}
