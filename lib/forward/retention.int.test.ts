import { afterAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { pruneForwarding } from '@/lib/forward/retention';
import { createProject } from '@/test/fixtures';

afterAll(() => disconnectPrisma());

describe('pruneForwarding', () => {
  it('deletes minute rows and failures older than the retention period, and keeps newer ones', async () => {
    const { id: projectId } = await createProject();
    const now = new Date('2026-12-06T12:00:00Z');
    const old = new Date(now.getTime() - 91 * 24 * 3_600_000);
    const recent = new Date(now.getTime() - 89 * 24 * 3_600_000);
    await prisma().forwardMinuteMetric.createMany({ data: [old, recent].map((minute) => ({ projectId, minute, forwarded: 1 })) });
    await prisma().forwardFailure.createMany({ data: [old, recent].map((createdAt) => ({ projectId, createdAt, status: 400, answer: '{}', event: {} })) });
    expect(await pruneForwarding(90, now)).toEqual({ metrics: 1, failures: 1 });
    expect((await prisma().forwardMinuteMetric.findMany({ where: { projectId } })).map((r) => r.minute)).toEqual([recent]);
    expect((await prisma().forwardFailure.findMany({ where: { projectId } })).map((r) => r.createdAt)).toEqual([recent]);
  });
});
