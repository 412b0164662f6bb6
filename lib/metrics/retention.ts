/**
 * Metrics retention: minute rows are kept for `minuteHours` (the hourly roll-up covers longer
 * ranges), hourly rows for `days` (default 90, like Amplitude's delivery metrics).
 */
import { prisma } from '@/lib/db/prisma';

export async function pruneMetrics(opts: { minuteHours: number; days: number; now?: Date }): Promise<{ minutes: number; hours: number }> {
  const now = (opts.now ?? new Date()).getTime();
  const minutes = await prisma().syncMinuteMetric.deleteMany({ where: { minute: { lt: new Date(now - opts.minuteHours * 3_600_000) } } });
  const hours = await prisma().syncHourMetric.deleteMany({ where: { hour: { lt: new Date(now - opts.days * 86_400_000) } } });
  return { minutes: minutes.count, hours: hours.count };
}
