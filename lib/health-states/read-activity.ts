/** The minute metric rows the health evaluator reads: every sync's, from `since` on. */
import { prisma } from '@/lib/db/prisma';
import type { MinuteActivity } from '@/lib/health-states/activity-window';

export async function readMinuteActivity(since: Date): Promise<MinuteActivity[]> {
  const rows = await prisma().syncMinuteMetric.findMany({
    where: { minute: { gte: since } },
    select: { syncId: true, minute: true, delivered: true, notDelivered: true, expired: true, retried: true },
  });
  return rows.map((r) => ({
    syncId: r.syncId,
    minute: r.minute.getTime(),
    delivered: r.delivered,
    failed: r.notDelivered + r.expired,
    retried: r.retried,
  }));
}
