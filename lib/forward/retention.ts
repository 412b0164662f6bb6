/**
 * Forwarding's history is kept as long as the delivery metrics' (METRICS_RETENTION_DAYS): minute
 * rows and recorded failures older than that are deleted. The deletes are idempotent, so every
 * worker may run them.
 */
import { prisma } from '@/lib/db/prisma';

export async function pruneForwarding(days: number, now = new Date()): Promise<{ metrics: number; failures: number }> {
  const before = new Date(now.getTime() - days * 24 * 3_600_000);
  const [metrics, failures] = await Promise.all([
    prisma().forwardMinuteMetric.deleteMany({ where: { minute: { lt: before } } }),
    prisma().forwardFailure.deleteMany({ where: { createdAt: { lt: before } } }),
  ]);
  return { metrics: metrics.count, failures: failures.count };
}
