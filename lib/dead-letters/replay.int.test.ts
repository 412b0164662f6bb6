/**
 * A dead letter, once its cause is fixed, is replayed and delivered exactly once; a replay that
 * fails again keeps its letter with the new reason. Either way one event is one outcome in the
 * metrics. Replays are re-entrant (any number, any order, overlapping selections), never leave a
 * letter stuck, and a replayed user update never puts back a value older than one already sent.
 */
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { replayDeadLetters, replayProgress } from '@/lib/dead-letters/replay';
import { reapLostReplays } from '@/lib/dead-letters/replay-reaper';
import { loadSyncSeries } from '@/lib/metrics/queries';
import { deliverQueue } from '@/lib/queue/queues';
import { setSyncEnabled } from '@/lib/syncs/repository';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';
import { waitForSettingsInForce } from '@/test/settings-in-force';

const rig = pipelineForFile({ queueSuffix: 'replay', workerEnv: { DELIVERY_LINGER_MS: '30' } });

const lastHour = () => [new Date(Date.now() - 3_600_000), new Date(Date.now() + 60_000)] as const;

describe('dead-letter replay', () => {
  it('replays a cause Braze refused and delivers each event once; a second replay sends nothing', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url);
    rig.braze.injectFaults({ status: 400 });
    await postEvents(rig.ingest.url, project.apiKey, makeEvents(6, { eventType: 'Refused once' }));
    const letters = await waitFor(async () => {
      const rows = await prisma().deadLetter.findMany({ where: { syncId: sync.id } });
      return rows.length === 6 ? rows : null;
    }, { what: 'six dead letters' });
    const sent = () => rig.braze.events().filter((e) => e.object.name === 'Refused once');

    const add = (jobs: Parameters<Parameters<typeof replayDeadLetters>[1]>[0]) => deliverQueue().addBulk(jobs);
    const first = await replayDeadLetters({ syncId: sync.id, cause: { kind: letters[0]!.kind, status: letters[0]!.status, error: letters[0]!.error } }, add);
    expect(first).toEqual({ queued: 6, events: 6, userUpdates: 0 });
    expect((await replayDeadLetters({ syncId: sync.id, ids: letters.map((l) => l.id) }, add)).queued).toBe(0);

    await waitFor(async () => (await replayProgress(sync.id)).delivered === 6, { what: 'replay delivered' });
    expect(await replayProgress(sync.id)).toEqual({ queued: 0, delivered: 6, failed: 0, superseded: 0 });
    expect(sent()).toHaveLength(6);
    expect((await replayDeadLetters({ syncId: sync.id, ids: letters.map((l) => l.id) }, add)).queued).toBe(0);
    // Six events failed, then six were recovered: nothing is still failed.
    const totals = await waitFor(async () => {
      const t = await loadSyncSeries(sync.id, ...lastHour());
      return t.totals.recovered === 6 ? t.totals : null;
    }, { what: 'recovered in the metrics' });
    expect(totals).toMatchObject({ delivered: 6, notDelivered: 6, recovered: 6, deliveredFirstAttempt: 0, deliveredAfterRetry: 0, deliveryRate: 1 });
    expect(sent()).toHaveLength(6);
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
    // The "done" signal for the counts: an event delivered after the failed replay. Its job writes
    // every count the worker holds before it completes, so once it is counted, anything the
    // failed replay counted is written too.
    await postEvents(rig.ingest.url, project.apiKey, makeEvents(1, { eventType: 'After the replay' }));
    const { totals } = await waitFor(async () => {
      const series = await loadSyncSeries(sync.id, ...lastHour());
      return series.totals.delivered === 1 ? series : null;
    }, { what: 'the later event counted' });
    expect(totals).toMatchObject({ delivered: 1, notDelivered: 0, recovered: 0 });
  });

  it('a replay after a failed replay delivers; overlapping replays send each letter once', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url);
    const names = ['Again 1', 'Again 2', 'Again 3'];
    const letters = await Promise.all(
      names.map((name, i) =>
        prisma().deadLetter.create({
          data: { syncId: sync.id, kind: 'rejected', status: 400, error: 'Braze answered 400', payload: { external_id: `again-${i}`, name, time: '2026-11-29T10:00:00.000Z' } },
        }),
      ),
    );
    const ids = letters.map((l) => l.id);
    const add = (jobs: Parameters<Parameters<typeof replayDeadLetters>[1]>[0]) => deliverQueue().addBulk(jobs);

    // The first replay fails again: the sync was disabled meanwhile.
    await setSyncEnabled(project.id, sync.id, false);
    await waitForSettingsInForce(sync.id);
    expect((await replayDeadLetters({ syncId: sync.id, ids }, add)).queued).toBe(3);
    await waitFor(async () => (await replayProgress(sync.id)).failed === 3, { what: 'first replay failed again' });

    // Enabled again: the same letters replayed twice at once (by selection and by their new
    // cause) are sent once, and delivered.
    const failed = await prisma().deadLetter.findUniqueOrThrow({ where: { id: ids[0] } });
    await setSyncEnabled(project.id, sync.id, true);
    await waitForSettingsInForce(sync.id);
    const [a, b] = await Promise.all([
      replayDeadLetters({ syncId: sync.id, ids }, add),
      replayDeadLetters({ syncId: sync.id, cause: { kind: failed.kind, status: failed.status, error: failed.error } }, add),
    ]);
    expect(a.queued + b.queued).toBe(3);
    await waitFor(async () => (await replayProgress(sync.id)).delivered === 3, { what: 'second replay delivered' });
    expect(rig.braze.events().filter((e) => names.includes(String(e.object.name))).map((e) => e.object.name).sort()).toEqual(names);
    expect(await replayProgress(sync.id)).toMatchObject({ queued: 0, delivered: 3, failed: 0 });
  });

  it('letters whose replay job is gone go back to failed, and can be replayed again', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url);
    const longAgo = new Date(Date.now() - 10 * 60_000);
    const payload = { external_id: 'reaped-user', name: 'Reaped', time: '2026-11-29T10:00:00.000Z' };
    const lost = await prisma().deadLetter.create({
      data: { syncId: sync.id, kind: 'rejected', status: 400, error: 'Braze answered 400', payload, replayState: 'queued', replayJobId: 'replay-lost-0', replayedAt: longAgo },
    });
    // A letter whose job still waits (a delayed retry) is left alone.
    await deliverQueue().add('deliver', { syncId: sync.id, items: [{ kind: 'events', object: payload, receivedAt: Date.now(), deadLetterId: 'waiting' }] }, { jobId: 'replay-waiting-0', delay: 3_600_000 });
    const waiting = await prisma().deadLetter.create({
      data: { syncId: sync.id, kind: 'rejected', status: 400, error: 'Braze answered 400', payload, replayState: 'queued', replayJobId: 'replay-waiting-0', replayedAt: longAgo },
    });
    // A letter queued a moment ago may not have its job yet: left alone too.
    const recent = await prisma().deadLetter.create({
      data: { syncId: sync.id, kind: 'rejected', status: 400, error: 'Braze answered 400', payload, replayState: 'queued', replayJobId: 'replay-recent-0', replayedAt: new Date() },
    });

    expect(await reapLostReplays(deliverQueue(), { olderThanMs: 5 * 60_000 })).toBeGreaterThanOrEqual(1);
    const states = async () => Object.fromEntries((await prisma().deadLetter.findMany({ where: { syncId: sync.id } })).map((l) => [l.id, l.replayState]));
    expect(await states()).toEqual({ [lost.id]: 'failed', [waiting.id]: 'queued', [recent.id]: 'queued' });
    await (await deliverQueue().getJob('replay-waiting-0'))!.remove();

    const add = (jobs: Parameters<Parameters<typeof replayDeadLetters>[1]>[0]) => deliverQueue().addBulk(jobs);
    expect((await replayDeadLetters({ syncId: sync.id, ids: [lost.id] }, add)).queued).toBe(1);
    await waitFor(async () => (await states())[lost.id] === 'delivered', { what: 'the reaped letter delivered' });
  });

  it('a replayed user update never overwrites a newer value already sent, and counts its data points', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url, { sendUsers: true, sendEvents: false, userProperties: ['plan', 'city'] });
    const identify = (user: string, time: number, props: Record<string, unknown>) => ({ event_type: '$identify', user_id: user, time, user_properties: { $set: props } });
    const t0 = Date.UTC(2026, 10, 29, 10, 0, 0);
    const billedBefore = rig.braze.stats().dataPoints;
    const attributesOf = (...users: string[]) => rig.braze.attributes().filter((a) => users.includes(String(a.object.external_id)));

    // Braze refuses the request: plan=OLD (and A's city) become dead letters.
    rig.braze.injectFaults({ status: 400 });
    await postEvents(rig.ingest.url, project.apiKey, [identify('user-a', t0, { plan: 'OLD', city: 'Paris' }), identify('user-b', t0, { plan: 'OLD' })]);
    const letters = await waitFor(async () => {
      const rows = await prisma().deadLetter.findMany({ where: { syncId: sync.id } });
      return rows.length === 2 ? rows : null;
    }, { what: 'two refused user updates' });
    expect(letters.every((l) => l.remember !== null)).toBe(true);

    // Later, plan=NEW is delivered for both users.
    await postEvents(rig.ingest.url, project.apiKey, [identify('user-a', t0 + 60_000, { plan: 'NEW' }), identify('user-b', t0 + 60_000, { plan: 'NEW' })]);
    await waitFor(() => attributesOf('user-a', 'user-b').length === 2, { what: 'plan=NEW delivered' });

    const add = (jobs: Parameters<Parameters<typeof replayDeadLetters>[1]>[0]) => deliverQueue().addBulk(jobs);
    expect((await replayDeadLetters({ syncId: sync.id, ids: letters.map((l) => l.id) }, add)).queued).toBe(2);
    await waitFor(async () => (await replayProgress(sync.id)).queued === 0, { what: 'the replay finished' });

    const profile = (id: string) => rig.braze.profiles().find((p) => p.external_id === id)!;
    expect(profile('user-a').custom_attributes).toMatchObject({ plan: 'NEW' });
    expect(profile('user-a').home_city).toBe('Paris');
    expect(profile('user-b').custom_attributes).toMatchObject({ plan: 'NEW' });
    const byUser = Object.fromEntries((await prisma().deadLetter.findMany({ where: { syncId: sync.id } })).map((l) => [l.userId, l]));
    expect(byUser['user-a']).toMatchObject({ replayState: 'delivered', supersededFields: ['plan'] });
    expect(byUser['user-b']).toMatchObject({ replayState: 'superseded', supersededFields: ['plan'] });
    expect(await replayProgress(sync.id)).toMatchObject({ delivered: 1, superseded: 1, failed: 0 });

    // The replay's write is in the attribute cache: city=Paris again is not sent twice.
    await postEvents(rig.ingest.url, project.apiKey, [identify('user-a', t0 + 120_000, { city: 'Paris', plan: 'PRO' })]);
    await waitFor(() => attributesOf('user-a').some((a) => a.object.plan === 'PRO'), { what: 'plan=PRO delivered' });
    expect(attributesOf('user-a').at(-1)!.object).toEqual({ external_id: 'user-a', plan: 'PRO' });

    // Data points: what Braze billed, the replay's included; both refused failures resolved.
    const totals = await waitFor(async () => {
      const t = (await loadSyncSeries(sync.id, ...lastHour())).totals;
      return t.dataPointsSent === rig.braze.stats().dataPoints - billedBefore && t.recovered === 1 ? t : null;
    }, { what: 'data points sent as Braze billed them' });
    expect(totals).toMatchObject({ dataPointsSent: 4, notDelivered: 2, recovered: 1, superseded: 1, deliveryRate: 1 });
  });
});
