/**
 * Retention keeps metrics small without making lifetime totals (the Prometheus counters) go
 * down: hourly rows past the retention period leave, their counters stay in the sync's carry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { loadLifetimeTotals } from '@/lib/metrics/lifetime';
import { pruneMetrics } from '@/lib/metrics/retention';
import { emptyCounts } from '@/lib/dry-run/measure';
import { addDryRunCounts } from '@/lib/dry-run/store';
import { createSync } from '@/lib/syncs/repository';
import { createSyncSchema } from '@/lib/syncs/schema';
import { createProject } from '@/test/fixtures';
import { expectedTotals, seedMinuteMetrics } from '@/test/seed-metrics';

const HOUR = 3_600_000;
const NOW = new Date(Date.UTC(2026, 10, 29, 12, 0, 0));
// 100 days of minutes: the first 10 days are older than the 90 days kept.
const FROM = NOW.getTime() - 100 * 24 * HOUR;
const MINUTES = 100 * 24 * 60;

let syncId: string;

beforeAll(async () => {
  const project = await createProject();
  const input = createSyncSchema.parse({ name: 'Retention', brazeEndpoint: 'https://rest.iad-01.braze.com', restApiKey: 'seeded-key', enabled: true });
  syncId = (await createSync(project.id, input)).id;
  await seedMinuteMetrics(syncId, FROM, MINUTES);
}, 120_000);

afterAll(() => disconnectPrisma());

describe('metrics retention', () => {
  it('prunes minute rows after 48 h and hourly rows after 90 days, keeping lifetime totals (also when two workers prune at once)', async () => {
    const before = (await loadLifetimeTotals([syncId])).get(syncId)!;
    expect(before).toEqual(expectedTotals(0, MINUTES));

    await addDryRunCounts(syncId, { ...emptyCounts(), events: 1 }, FROM);
    await addDryRunCounts(syncId, { ...emptyCounts(), events: 2 }, NOW.getTime() - HOUR);
    const runs = await Promise.all([1, 2].map(() => pruneMetrics({ minuteHours: 48, days: 90, now: NOW })));
    expect(await prisma().dryRunHour.findMany({ where: { syncId }, select: { events: true } })).toEqual([{ events: 2 }]);
    expect(runs.reduce((n, r) => n + r.hours, 0)).toBe(10 * 24);
    expect(runs.reduce((n, r) => n + r.minutes, 0)).toBe(MINUTES - 48 * 60);

    const hours = await prisma().syncHourMetric.aggregate({ where: { syncId }, _count: true, _min: { hour: true } });
    expect(hours._count).toBe(90 * 24);
    expect(hours._min.hour).toEqual(new Date(NOW.getTime() - 90 * 24 * HOUR));
    expect(await prisma().syncMinuteMetric.count({ where: { syncId } })).toBe(48 * 60);

    const carry = await prisma().syncMetricCarry.findUniqueOrThrow({ where: { syncId } });
    expect(Number(carry.delivered)).toBe(expectedTotals(0, 10 * 24 * 60).delivered);
    expect((await loadLifetimeTotals([syncId])).get(syncId)).toEqual(before);

    // Nothing left to prune: nothing is carried twice.
    expect(await pruneMetrics({ minuteHours: 48, days: 90, now: NOW })).toEqual({ minutes: 0, hours: 0 });
    expect((await loadLifetimeTotals([syncId])).get(syncId)).toEqual(before);
  });
});
