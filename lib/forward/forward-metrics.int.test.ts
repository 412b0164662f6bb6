import { afterAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { ForwardMetrics } from '@/lib/forward/forward-metrics';
import { createProject } from '@/test/fixtures';

afterAll(() => disconnectPrisma());

describe('ForwardMetrics', () => {
  it('records a job\'s failures once however often the job runs, and adds its counts to the minute row', async () => {
    const { id: projectId } = await createProject();
    const metrics = new ForwardMetrics(() => Date.UTC(2026, 11, 6, 12, 0, 30));
    const failure = { status: 400, answer: '{"code":400}', event: { event_type: 'E', insert_id: 'i-1', user_id: 'user-1' } };
    await metrics.failed(projectId, 'job-1', [failure]);
    await metrics.failed(projectId, 'job-1', [failure]);
    await metrics.failed(projectId, 'job-2', [failure]);
    metrics.forwarded(projectId, Date.UTC(2026, 11, 6, 12, 0, 30) - 250, 3);
    await metrics.flush();
    expect(await prisma().forwardFailure.count({ where: { projectId } })).toBe(2);
    const [row] = await prisma().forwardMinuteMetric.findMany({ where: { projectId } });
    expect(row).toMatchObject({ minute: new Date(Date.UTC(2026, 11, 6, 12, 0)), forwarded: 3, failed: 2 });
    expect(row!.latencyBuckets.reduce((a, b) => a + b, 0)).toBe(3);
  });
});
