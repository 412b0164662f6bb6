/**
 * Replay from the dashboard is refused while the sync cannot deliver (paused, disabled), and
 * right after the fix is saved, waits until workers have dropped their cached settings. Each
 * replay queues jobs of its own, so replaying letters that failed again is never ignored, and
 * the answer counts events and user updates apart.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { replayFromDashboard } from '@/lib/dashboard/replay';
import { recordReplayFailures } from '@/lib/dead-letters/replay';
import { closeQueues, deliverQueue } from '@/lib/queue/queues';
import { pauseSync } from '@/lib/syncs/pauses';
import { getSync, setSyncEnabled, updateSync } from '@/lib/syncs/repository';
import { updateSyncSchema } from '@/lib/syncs/schema';
import { createEnabledSync, createProject } from '@/test/fixtures';

afterAll(async () => {
  await closeQueues();
  await disconnectPrisma();
});

describe('replay from the dashboard', () => {
  it('refuses while paused or disabled; after the fix, queues the letters behind the settings cache', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, 'https://rest.iad-01.braze.com');
    const letter = await prisma().deadLetter.create({
      data: { syncId: sync.id, kind: 'rejected', status: 401, error: 'Braze answered 401 Unauthorized', payload: { external_id: 'u1', name: 'Order', time: '2026-11-29T10:00:00.000Z' } },
    });
    await pauseSync(sync.id, 'Braze answered 401 Unauthorized', 'BRAZE', sync.updatedAt.getTime());
    await expect(replayFromDashboard(project.id, sync.id, { ids: [letter.id] })).rejects.toMatchObject({ status: 409, code: 'sync_paused' });
    await setSyncEnabled(project.id, sync.id, false);
    await expect(replayFromDashboard(project.id, sync.id, { ids: [letter.id] })).rejects.toMatchObject({ status: 409, code: 'sync_disabled' });
    expect((await prisma().deadLetter.findUniqueOrThrow({ where: { id: letter.id } })).replayState).toBeNull();

    const saved = await getSync(project.id, sync.id);
    await updateSync(project.id, sync.id, updateSyncSchema.parse({ ...saved, appId: saved.appId ?? undefined, aliasLabel: saved.aliasLabel ?? undefined, enabled: true, restApiKey: 'fixed-key' }));
    expect(await replayFromDashboard(project.id, sync.id, { ids: [letter.id] })).toEqual({ queued: 1, events: 1, userUpdates: 0 });
    expect((await prisma().deadLetter.findUniqueOrThrow({ where: { id: letter.id } })).replayState).toBe('queued');
    const delayed = await deliverQueue().getDelayed();
    const job = delayed.find((j) => j.data.syncId === sync.id);
    expect(job?.data.items.map((i) => i.deadLetterId)).toEqual([letter.id]);
    expect(job!.opts.delay).toBeGreaterThan(1_000);
    await job!.remove();

    await expect(replayFromDashboard('another-project', sync.id, { ids: [letter.id] })).rejects.toMatchObject({ status: 404 });
  });

  it('replaying letters that failed again queues a new job for them, counting events and user updates apart', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, 'https://rest.iad-01.braze.com');
    await prisma().sync.update({ where: { id: sync.id }, data: { updatedAt: new Date(Date.now() - 60_000) } });
    const error = 'Braze answered 400 Bad Request';
    const event = await prisma().deadLetter.create({
      data: { syncId: sync.id, kind: 'rejected', status: 400, error, payload: { external_id: 'u2', name: 'Order', time: '2026-11-29T10:00:00.000Z' } },
    });
    const update = await prisma().deadLetter.create({
      data: { syncId: sync.id, kind: 'rejected', status: 400, error, payload: { external_id: 'u2', plan: 'pro' } },
    });
    const cause = { kind: 'rejected', status: 400, error };
    const jobsOf = async (letterId: string) =>
      (await deliverQueue().getJobs(['waiting', 'delayed'])).filter((j) => j.data.syncId === sync.id && j.data.items.some((i) => i.deadLetterId === letterId));

    expect(await replayFromDashboard(project.id, sync.id, { cause })).toEqual({ queued: 2, events: 1, userUpdates: 1 });
    expect(await replayFromDashboard(project.id, sync.id, { cause })).toEqual({ queued: 0, events: 0, userUpdates: 0 });
    // The delivery reports that both failed again (as it does after Braze refuses them).
    await recordReplayFailures([event, update].map((l) => ({ id: l.id, reason: error, status: 400, kind: 'rejected' })));
    expect(await replayFromDashboard(project.id, sync.id, { cause })).toEqual({ queued: 2, events: 1, userUpdates: 1 });
    const jobs = await jobsOf(event.id);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(2);
    const letters = await prisma().deadLetter.findMany({ where: { syncId: sync.id } });
    expect(letters.map((l) => l.replayState)).toEqual(['queued', 'queued']);
    // Both wait in the newer replay's job, which alone may send them.
    expect(new Set(letters.map((l) => l.replayJobId)).size).toBe(1);
    expect(jobs.map((j) => j.id)).toContain(letters[0]!.replayJobId);
    for (const job of await jobsOf(update.id)) await job.remove();
  });
});
