/**
 * Replay from the dashboard is refused while the sync cannot deliver (paused, disabled), and
 * right after the fix is saved, waits until workers have dropped their cached settings.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { replayFromDashboard } from '@/lib/dashboard/replay';
import { closeQueues, deliverQueue } from '@/lib/queue/queues';
import { getSync, pauseSync, setSyncEnabled, updateSync } from '@/lib/syncs/repository';
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
    await pauseSync(sync.id, 'Braze answered 401 Unauthorized');
    await expect(replayFromDashboard(project.id, sync.id, { ids: [letter.id] })).rejects.toMatchObject({ status: 409, code: 'sync_paused' });
    await setSyncEnabled(project.id, sync.id, false);
    await expect(replayFromDashboard(project.id, sync.id, { ids: [letter.id] })).rejects.toMatchObject({ status: 409, code: 'sync_disabled' });
    expect((await prisma().deadLetter.findUniqueOrThrow({ where: { id: letter.id } })).replayState).toBeNull();

    const saved = await getSync(project.id, sync.id);
    await updateSync(project.id, sync.id, updateSyncSchema.parse({ ...saved, appId: saved.appId ?? undefined, aliasLabel: saved.aliasLabel ?? undefined, enabled: true, restApiKey: 'fixed-key' }));
    expect(await replayFromDashboard(project.id, sync.id, { ids: [letter.id] })).toEqual({ queued: 1 });
    expect((await prisma().deadLetter.findUniqueOrThrow({ where: { id: letter.id } })).replayState).toBe('queued');
    const delayed = await deliverQueue().getDelayed();
    const job = delayed.find((j) => j.data.syncId === sync.id);
    expect(job?.data.items.map((i) => i.deadLetterId)).toEqual([letter.id]);
    expect(job!.opts.delay).toBeGreaterThan(1_000);
    await job!.remove();

    await expect(replayFromDashboard('another-project', sync.id, { ids: [letter.id] })).rejects.toMatchObject({ status: 404 });
  });
});
