/**
 * Ingest → queue → worker → Braze, with the real Postgres and Redis, the worker as its own
 * process, and the fake Braze over HTTP.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { groupFailures } from '@/lib/dead-letters/queries';
import { searchDeliveryLog } from '@/lib/pipeline/deliver/delivery-log';
import { HeldJobs } from '@/lib/pipeline/deliver/held-jobs';
import { producerConnection } from '@/lib/queue/queues';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';
import { waitForQueuesIdle } from '@/test/queues-idle';

const rig = pipelineForFile({ braze: { keys: [{ key: 'fake-rest-api-key' }] }, workerEnv: { DELIVERY_LINGER_MS: '50' } });

beforeEach(() => rig.braze.reset());

async function metricsOf(syncId: string) {
  const rows = await prisma().syncMinuteMetric.findMany({ where: { syncId } });
  const sum = (k: 'delivered' | 'deliveredFirstAttempt' | 'deliveredAfterRetry' | 'notDelivered' | 'requests' | 'rateLimited' | 'retried') =>
    rows.reduce((n, r) => n + r[k], 0);
  return {
    delivered: sum('delivered'),
    firstAttempt: sum('deliveredFirstAttempt'),
    afterRetry: sum('deliveredAfterRetry'),
    notDelivered: sum('notDelivered'),
    requests: sum('requests'),
    rateLimited: sum('rateLimited'),
    retried: sum('retried'),
  };
}

describe('delivery pipeline', () => {
  it('delivers 100 events as Braze custom events in at most 2 requests, and records them', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url);
    const events = makeEvents(100);
    const res = await postEvents(rig.ingest.url, project.apiKey, events);
    expect(res).toEqual({ status: 200, body: expect.objectContaining({ code: 200, events_ingested: 100 }) });

    await waitFor(() => rig.braze.events().length >= 100, { what: '100 events at Braze' });
    const received = rig.braze.events().map((e) => e.object);
    expect(received).toHaveLength(100);
    expect(received[0]).toEqual({
      external_id: events[0]!.user_id,
      name: events[0]!.event_type,
      time: new Date(events[0]!.time).toISOString(),
      app_id: 'app-123',
    });
    expect(new Set(received.map((e) => `${e.external_id}|${e.name}|${e.time}`)).size).toBe(100);
    const trackRequests = rig.braze.requests().filter((r) => r.path === '/users/track');
    expect(trackRequests.length).toBeLessThanOrEqual(2);
    expect(trackRequests.every((r) => r.apiKey === 'fake-rest-api-key')).toBe(true);

    const m = await waitFor(async () => {
      const x = await metricsOf(sync.id);
      return x.delivered === 100 ? x : null;
    }, { what: 'metrics' });
    expect(m).toMatchObject({ delivered: 100, firstAttempt: 100, afterRetry: 0, notDelivered: 0 });
    expect(m.requests).toBe(trackRequests.length);
  });

  it('retries a 429 and a 5xx, then delivers', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url);
    rig.braze.injectFaults({ status: 429, resetInSeconds: 1 }, { status: 503, html: true });
    await postEvents(rig.ingest.url, project.apiKey, makeEvents(10));

    await waitFor(() => rig.braze.events().length >= 10, { what: '10 events after retries' });
    const statuses = rig.braze.requests().filter((r) => r.path === '/users/track').map((r) => r.status);
    expect(statuses).toEqual([429, 503, 201]);
    expect(rig.braze.events()).toHaveLength(10);
    const m = await waitFor(async () => {
      const x = await metricsOf(sync.id);
      return x.delivered === 10 ? x : null;
    }, { what: 'metrics after retry' });
    expect(m).toMatchObject({ afterRetry: 10, firstAttempt: 0, rateLimited: 1, requests: 3, retried: 20 });
  });

  it('does not retry a 401: the sync is paused with the reason and its events wait, not dead-lettered', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url, { restApiKey: 'revoked-key' });
    await postEvents(rig.ingest.url, project.apiKey, makeEvents(5));

    const saved = await waitFor(async () => {
      const row = await prisma().sync.findUniqueOrThrow({ where: { id: sync.id } });
      return row.pausedReason ? row : null;
    }, { what: 'the pause' });
    expect(saved.pausedReason).toMatch(/401 Unauthorized: "Invalid API Key"/);
    expect(saved.pausedReason).not.toContain('revoked-key');
    expect(saved.pauseCause).toBe('BRAZE');
    // The job waits in the delayed set (lib/pipeline/deliver/held-jobs), not retried and not failed.
    const held = new HeldJobs(producerConnection(), process.env.QUEUE_PREFIX!);
    await waitFor(async () => (await held.jobIds(sync.id)).length === 1, { what: 'the job held' });
    expect(await prisma().deadLetter.count({ where: { syncId: sync.id } })).toBe(0);
    expect(rig.braze.requests().filter((r) => r.path === '/users/track')).toHaveLength(1);
    expect(rig.braze.events()).toHaveLength(0);
  });

  it('sends nothing for a disabled sync', async () => {
    const project = await createProject();
    await createEnabledSync(project.id, rig.braze.url, { enabled: false });
    const res = await postEvents(rig.ingest.url, project.apiKey, makeEvents(5));
    expect(res.status).toBe(200);
    await waitForQueuesIdle();
    expect(rig.braze.requests()).toHaveLength(0);
  });
});

describe('users, duplicates and the catalog', () => {
  it('drops a re-sent insert_id and delivers the event once', async () => {
    const project = await createProject();
    await createEnabledSync(project.id, rig.braze.url);
    const events = makeEvents(3);
    await postEvents(rig.ingest.url, project.apiKey, events);
    await postEvents(rig.ingest.url, project.apiKey, [events[1]!, ...makeEvents(1, { eventType: 'Later' })]);
    await waitFor(() => rig.braze.events().some((e) => e.object.name === 'Later'), { what: 'the later event' });
    await waitForQueuesIdle();
    expect(rig.braze.events()).toHaveLength(4);
  });

  it('sends selected user property changes as Braze attributes, with Braze operations, and not unchanged values', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url, { sendUsers: true, userProperties: ['plan', 'visits', 'city'] });
    const identify = (props: Record<string, unknown>) => ({ event_type: '$identify', user_id: 'user-attrs-1', user_properties: props });
    await postEvents(rig.ingest.url, project.apiKey, [identify({ $set: { plan: 'pro', city: 'Lyon', secret: 'x' }, $add: { visits: 2 } })]);
    await waitFor(() => rig.braze.attributes().length >= 1, { what: 'attributes' });
    expect(rig.braze.attributes()[0]!.object).toEqual({ external_id: 'user-attrs-1', plan: 'pro', home_city: 'Lyon', visits: { inc: 2 } });
    // The sync remembers what Braze accepted when the delivery job ends, after Braze's answer.
    await waitForQueuesIdle();

    // Same plan again, visits changes: only visits is sent. Then nothing changes: nothing is sent.
    await postEvents(rig.ingest.url, project.apiKey, [identify({ $set: { plan: 'pro' }, $add: { visits: 1 } })]);
    await waitFor(() => rig.braze.attributes().length >= 2, { what: 'second attributes' });
    expect(rig.braze.attributes()[1]!.object).toEqual({ external_id: 'user-attrs-1', visits: { inc: 1 } });
    await waitForQueuesIdle();
    await postEvents(rig.ingest.url, project.apiKey, [identify({ $set: { plan: 'pro', city: 'Lyon' } })]);
    await waitForQueuesIdle();
    expect(rig.braze.attributes()).toHaveLength(2);
    expect(rig.braze.events()).toHaveLength(0);
    // plan (2nd identify), plan and city (3rd) were not re-sent; 3 + 1 attribute writes were.
    const totals = await waitFor(async () => {
      const rows = await prisma().syncMinuteMetric.findMany({ where: { syncId: sync.id } });
      const t = { saved: rows.reduce((n, r) => n + r.dataPointsSaved, 0), sent: rows.reduce((n, r) => n + r.dataPointsSent, 0) };
      return t.saved === 3 && t.sent === 4 ? t : null;
    }, { what: 'data point metrics' });
    expect(totals).toEqual({ saved: 3, sent: 4 });
    expect(rig.braze.stats().dataPoints).toBe(4);
  });

  it('records event types and property keys in the catalog', async () => {
    const project = await createProject();
    await postEvents(rig.ingest.url, project.apiKey, [
      { user_id: 'user-cat-1', event_type: 'Song Played', event_properties: { genre: 'jazz' }, user_properties: { $set: { tier: 'gold' } } },
      { user_id: 'user-cat-1', event_type: 'Song Played', event_properties: { genre: 'rock', length: 3 } },
    ]);
    const rows = await waitFor(async () => {
      const r = await prisma().catalogEntry.findMany({ where: { projectId: project.id }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] });
      return r.length >= 4 ? r : null;
    }, { what: 'catalog rows', timeoutMs: 15_000 });
    expect(rows.map((r) => [r.kind, r.name, Number(r.count)])).toEqual([
      ['event_property', 'genre', 2],
      ['event_property', 'length', 1],
      ['event_type', 'Song Played', 2],
      ['user_property', 'tier', 1],
    ]);
  });
});

describe('Braze rate limits', () => {
  it('waits out a used-up window until its reset, shared by every sync of the workspace, then delivers all', async () => {
    const project = await createProject();
    const a = await createEnabledSync(project.id, rig.braze.url, { name: 'A' });
    const b = await createEnabledSync(project.id, rig.braze.url, { name: 'B' });
    rig.braze.setRateLimit({ limit: 2, windowMs: 2_000 });
    try {
      for (let i = 0; i < 3; i++) await postEvents(rig.ingest.url, project.apiKey, makeEvents(75, { users: 75 }));
      await waitFor(() => rig.braze.events().length >= 450, { what: '450 events (3 × 75 × 2 syncs)', timeoutMs: 45_000 });
      const track = rig.braze.requests().filter((r) => r.path === '/users/track');
      // Before Braze's first answer the window is unknown, so the six first requests may all go
      // (four then get 429). From then on the limiter reads Braze's headers and waits for each
      // reset instead of sending: no request beyond those is refused.
      const limited = track.filter((r) => r.status === 429).length;
      expect(limited).toBeLessThanOrEqual(4);
      expect(track.filter((r) => r.status === 201)).toHaveLength(6);
      expect(rig.braze.events()).toHaveLength(450);
      const m = await Promise.all([a.id, b.id].map((id) => waitFor(async () => {
        const x = await metricsOf(id);
        return x.delivered === 225 ? x : null;
      }, { what: `metrics of ${id}` })));
      expect(m.map((x) => x.notDelivered)).toEqual([0, 0]);
    } finally {
      rig.braze.setRateLimit({ limit: 3_000, windowMs: 3_000 });
    }
  });

  it("fails only the objects Braze names in minor errors, keeping Braze's text", async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url, { identifierType: 'EMAIL' });
    const events = makeEvents(5).map((e, i) => ({ ...e, user_id: i === 2 ? 'not-an-email' : `person${i}@example.com` }));
    await postEvents(rig.ingest.url, project.apiKey, events);
    const letters = await waitFor(async () => {
      const rows = await prisma().deadLetter.findMany({ where: { syncId: sync.id } });
      return rows.length > 0 ? rows : null;
    }, { what: 'the dead letter' });
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ kind: 'minor_error', status: 201, userId: 'not-an-email' });
    expect(letters[0]!.error).toMatch(/email/i);
    expect((letters[0]!.payload as { email: string }).email).toBe('not-an-email');
    expect(rig.braze.events().map((e) => e.object.email).sort()).toEqual([
      'person0@example.com', 'person1@example.com', 'person3@example.com', 'person4@example.com',
    ]);
    const m = await waitFor(async () => {
      const x = await metricsOf(sync.id);
      return x.delivered === 4 ? x : null;
    }, { what: 'metrics' });
    expect(m.notDelivered).toBe(1);

    // The dashboard's views of it: the failure grouped by cause, and the request in the log.
    const groups = await groupFailures(sync.id, new Date(Date.now() - 3_600_000));
    expect(groups).toEqual([expect.objectContaining({ kind: 'minor_error', status: 201, count: 1, events: 1, userUpdates: 0, replayable: false, contentError: true, exampleIds: [letters[0]!.id] })]);
    const logged = await searchDeliveryLog(producerConnection(), process.env.QUEUE_PREFIX!, sync.id, { userId: 'not-an-email' });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ status: 201, outcome: 'accepted', errors: [{ array: 'events', index: 2, reason: letters[0]!.error }] });
    expect(JSON.stringify(logged)).not.toContain('fake-rest-api-key');
  });
});
