/**
 * A dead letter, once its cause is fixed, is replayed and delivered exactly once; a replay that
 * fails again keeps its letter with the new reason. Either way one event is one outcome in the
 * metrics.
 */
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { replayDeadLetters, replayProgress } from '@/lib/dead-letters/replay';
import { loadSyncSeries } from '@/lib/metrics/queries';
import { deliverQueue } from '@/lib/queue/queues';
import { getSync, updateSync } from '@/lib/syncs/repository';
import { updateSyncSchema } from '@/lib/syncs/schema';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';

const rig = pipelineForFile({ queueSuffix: 'replay', workerEnv: { DELIVERY_LINGER_MS: '30' } });

const lastHour = () => [new Date(Date.now() - 3_600_000), new Date(Date.now() + 60_000)] as const;

describe('dead-letter replay', () => {
  it('after the key is fixed, replays a cause and delivers each event once; a second replay sends nothing', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url, { restApiKey: 'wrong-key' });
    await postEvents(rig.ingest.url, project.apiKey, makeEvents(6));
    const letters = await waitFor(async () => {
      const rows = await prisma().deadLetter.findMany({ where: { syncId: sync.id } });
      return rows.length === 6 ? rows : null;
    }, { what: 'six dead letters' });

    // The person fixes the key (saving also lifts the pause), then replays the cause.
    const saved = await getSync(project.id, sync.id);
    await updateSync(project.id, sync.id, updateSyncSchema.parse({ ...saved, appId: saved.appId ?? undefined, aliasLabel: saved.aliasLabel ?? undefined, enabled: true, restApiKey: 'fake-rest-api-key' }));
    await new Promise((r) => setTimeout(r, 2_200)); // the worker's settings cache
    const add = (jobs: Parameters<Parameters<typeof replayDeadLetters>[1]>[0]) => deliverQueue().addBulk(jobs);
    const first = await replayDeadLetters({ syncId: sync.id, cause: { kind: letters[0]!.kind, status: letters[0]!.status, error: letters[0]!.error } }, add);
    expect(first.queued).toBe(6);
    expect((await replayDeadLetters({ syncId: sync.id, ids: letters.map((l) => l.id) }, add)).queued).toBe(0);

    await waitFor(async () => (await replayProgress(sync.id)).delivered === 6, { what: 'replay delivered' });
    expect(await replayProgress(sync.id)).toEqual({ queued: 0, delivered: 6, failed: 0 });
    expect(rig.braze.events().filter((e) => e.apiKey === 'fake-rest-api-key')).toHaveLength(6);
    expect((await replayDeadLetters({ syncId: sync.id, ids: letters.map((l) => l.id) }, add)).queued).toBe(0);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(rig.braze.events().filter((e) => e.apiKey === 'fake-rest-api-key')).toHaveLength(6);
    // Six events failed, then six were recovered: nothing is still failed.
    const totals = await waitFor(async () => {
      const t = await loadSyncSeries(sync.id, ...lastHour());
      return t.totals.recovered === 6 ? t.totals : null;
    }, { what: 'recovered in the metrics' });
    expect(totals).toMatchObject({ delivered: 6, notDelivered: 6, recovered: 6, deliveredFirstAttempt: 0, deliveredAfterRetry: 0, deliveryRate: 1 });
  });

  it('a replay that fails again keeps the letter, with the new reason, and counts no new failure', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url);
    // A letter whose object Braze refuses again when replayed: its time is not a time.
    const letter = await prisma().deadLetter.create({
      data: { syncId: sync.id, kind: 'rejected', status: 400, error: 'Braze answered 400', payload: { external_id: 'replay-user', name: 'Bad', time: 'not a time' } },
    });
    const add = (jobs: Parameters<Parameters<typeof replayDeadLetters>[1]>[0]) => deliverQueue().addBulk(jobs);
    expect((await replayDeadLetters({ syncId: sync.id, ids: [letter.id] }, add)).queued).toBe(1);
    await waitFor(async () => (await replayProgress(sync.id)).failed === 1, { what: 'replay failed again' });
    const rows = await prisma().deadLetter.findMany({ where: { syncId: sync.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: letter.id, replayState: 'failed' });
    expect(rows[0]!.error).not.toBe('Braze answered 400');
    expect(rows[0]!.error).toMatch(/time/i);
    await new Promise((r) => setTimeout(r, 1_500)); // the metrics flush
    const { totals } = await loadSyncSeries(sync.id, ...lastHour());
    expect(totals).toMatchObject({ notDelivered: 0, recovered: 0 });
  });
});
