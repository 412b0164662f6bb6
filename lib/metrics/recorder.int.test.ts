/**
 * The recorder writes through the pool under Prisma: counts add up across flushes and recorders,
 * and counts of a sync deleted while they were buffered are dropped, not retried for ever.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { MetricsRecorder } from '@/lib/metrics/recorder';
import { closeQueues } from '@/lib/queue/queues';
import { createEnabledSync, createProject } from '@/test/fixtures';

afterAll(async () => {
  await closeQueues();
  await disconnectPrisma();
});

describe('MetricsRecorder', () => {
  it('adds every flush to the minute and hour rows of its sync', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, 'https://rest.iad-01.braze.com');
    const [one, two] = [new MetricsRecorder(), new MetricsRecorder()];
    one.add(sync.id, { delivered: 3, requests: 1 });
    two.add(sync.id, { delivered: 2, notDelivered: 1, requests: 1 });
    await Promise.all([one.flush(), two.flush()]);
    one.add(sync.id, { delivered: 5 });
    await one.flush();

    const minutes = await prisma().syncMinuteMetric.findMany({ where: { syncId: sync.id } });
    const hours = await prisma().syncHourMetric.findMany({ where: { syncId: sync.id } });
    for (const rows of [minutes, hours]) {
      expect(rows.reduce((n, r) => n + r.delivered, 0)).toBe(10);
      expect(rows.reduce((n, r) => n + r.notDelivered, 0)).toBe(1);
    }
  });

  it('drops the counts of a sync deleted before they were written', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, 'https://rest.iad-01.braze.com');
    const recorder = new MetricsRecorder();
    recorder.add(sync.id, { delivered: 4 });
    await prisma().sync.delete({ where: { id: sync.id } });
    await recorder.flush();
    // Nothing went back to wait for the next flush: a second one writes nothing either.
    await recorder.flush();
    expect(await prisma().syncMinuteMetric.count({ where: { syncId: sync.id } })).toBe(0);
    expect((recorder as unknown as { rows: Map<string, unknown> }).rows.size).toBe(0);
  });
});
