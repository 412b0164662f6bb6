/**
 * The dashboard's series over a sync with 90 days of minute metrics and their hourly roll-up:
 * every bucket of the range is there, at the right resolution, and the totals are exact.
 * (How fast it answers is measured by the benchmark, `npm run bench -- --scenario dashboard`.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import { loadSyncMetrics } from '@/lib/dashboard/sync-dashboard';
import { LATENCY_BOUNDS_MS } from '@/lib/metrics/latency';
import { loadProjectTotals } from '@/lib/metrics/queries';
import { resolveRange } from '@/lib/metrics/time-range';
import { createProject } from '@/test/fixtures';
import { expectedTotals, seedMinuteMetrics } from '@/test/seed-metrics';
import { createSync } from '@/lib/syncs/repository';
import { createSyncSchema } from '@/lib/syncs/schema';

const MINUTE = 60_000;
const NOW = new Date(Date.UTC(2026, 10, 29, 12, 30, 15));
const SEED_FROM = resolveRange('90d', NOW).from.getTime();
const SEED_MINUTES = 90 * 24 * 60;
const indexOf = (ms: number) => (ms - SEED_FROM) / MINUTE;

let project: { id: string };
let syncId: string;

beforeAll(async () => {
  project = await createProject();
  const input = createSyncSchema.parse({ name: '90 days', brazeEndpoint: 'https://rest.iad-01.braze.com', restApiKey: 'seeded-key', enabled: true });
  syncId = (await createSync(project.id, input)).id;
  await seedMinuteMetrics(syncId, SEED_FROM, SEED_MINUTES);
}, 120_000);

afterAll(() => disconnectPrisma());

describe('per-sync series over 90 days of metrics', () => {
  it('the last 90 days: 2,160 hourly points whose totals are those of every seeded minute', async () => {
    const m = await loadSyncMetrics(project.id, syncId, '90d', NOW);
    expect(m.resolution).toBe('hour');
    expect(m.points).toHaveLength(2_160);
    expect(m.points[0]!.at).toBe(new Date(SEED_FROM).toISOString());
    expect(m.points.at(-1)!.at).toBe('2026-11-29T12:00:00.000Z');
    const expected = expectedTotals(0, SEED_MINUTES);
    expect(m.totals).toMatchObject(expected);
    expect(m.totals.deliveryRate).toBeCloseTo(expected.delivered / (expected.delivered + expected.notDelivered + expected.expired), 10);
    // One hour's point: the sum of its 60 minutes.
    expect(m.points[5]).toMatchObject(expectedTotals(5 * 60, 6 * 60));
    // Latencies all fall in buckets 5–8 (100–400 ms): percentiles stay inside them.
    for (const p of [m.totals.latencyP50Ms, m.totals.latencyP95Ms, m.totals.latencyP99Ms]) {
      expect(p).toBeGreaterThan(LATENCY_BOUNDS_MS[4]);
      expect(p).toBeLessThanOrEqual(LATENCY_BOUNDS_MS[8]);
    }
  });

  it('the last hour: 60 minute points ending with the current minute', async () => {
    const m = await loadSyncMetrics(project.id, syncId, '1h', NOW);
    expect(m.resolution).toBe('minute');
    expect(m.points).toHaveLength(60);
    expect(m.points.at(-1)!.at).toBe('2026-11-29T12:30:00.000Z');
    const from = indexOf(Date.parse(m.points[0]!.at));
    expect(m.totals).toMatchObject(expectedTotals(from, from + 60));
  });

  it('the last 7 days: 168 hourly points', async () => {
    const m = await loadSyncMetrics(project.id, syncId, '7d', NOW);
    expect(m.resolution).toBe('hour');
    expect(m.points).toHaveLength(168);
    const from = indexOf(Date.parse(m.points[0]!.at));
    expect(m.totals.delivered).toBe(expectedTotals(from, SEED_MINUTES).delivered);
  });

  it('quiet buckets are zero points, not missing ones', async () => {
    const later = new Date(NOW.getTime() + 2 * 3_600_000);
    const m = await loadSyncMetrics(project.id, syncId, '6h', later);
    expect(m.points).toHaveLength(360);
    expect(m.points.at(-1)).toMatchObject({ delivered: 0, latencyP95Ms: null });
  });

  it('project totals of the last hour and day match the seeded minutes', async () => {
    const hour = (await loadProjectTotals(project.id, 3_600_000, NOW)).get(syncId)!;
    const lastMinute = indexOf(Date.UTC(2026, 10, 29, 12, 30));
    expect(hour.delivered).toBe(expectedTotals(lastMinute - 59, lastMinute + 1).delivered);
    const day = (await loadProjectTotals(project.id, 86_400_000, NOW)).get(syncId)!;
    expect(day.notDelivered).toBe(expectedTotals(indexOf(Date.UTC(2026, 10, 28, 13)), SEED_MINUTES).notDelivered);
  });
});
