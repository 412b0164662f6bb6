/**
 * The delivery rules of one sync, end to end (ingestion, the worker process, Postgres, Redis,
 * fake Braze over HTTP): syncs are isolated from each other's Braze failures, every identifier
 * mapping reaches Braze as configured and events without the identifier are skipped and counted,
 * filters select exactly what they say, and Update Users Only / alias-only profiles follow
 * Braze's rules.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { startFakeBraze, type FakeBraze } from '@/test/fakes/braze';
import { closeQueues } from '@/lib/queue/queues';
import { createEnabledSync, createProject, postEvents } from '@/test/fixtures';
import { startIngestServer } from '@/test/ingest-server';
import { startProcess, waitFor, waitForOutput, type RunningProcess } from '@/test/processes';

let braze: FakeBraze;
let other: FakeBraze;
let ingest: Awaited<ReturnType<typeof startIngestServer>>;
let worker: RunningProcess;

const KEYS = ['key-external', 'key-braze-id', 'key-alias', 'key-email', 'fake-rest-api-key'];

beforeAll(async () => {
  braze = await startFakeBraze({ keys: KEYS.map((key) => ({ key })) });
  other = await startFakeBraze();
  const endpoints = `${braze.url},${other.url}`;
  process.env.BRAZE_CUSTOM_ENDPOINTS = endpoints;
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-rules`;
  ingest = await startIngestServer();
  worker = startProcess('worker/main.ts', { BRAZE_CUSTOM_ENDPOINTS: endpoints, QUEUE_PREFIX: process.env.QUEUE_PREFIX, LOG_LEVEL: 'info', DELIVERY_LINGER_MS: '50' });
  await waitForOutput(worker, /worker started/);
});

afterAll(async () => {
  await worker?.kill('SIGTERM');
  await ingest?.close();
  await Promise.all([braze?.close(), other?.close()]);
  await closeQueues();
  await disconnectPrisma();
});

beforeEach(() => {
  braze.reset();
  other.reset();
});

type Counter = 'delivered' | 'deliveredFirstAttempt' | 'deliveredAfterRetry' | 'skipped' | 'filtered' | 'retried' | 'possibleDuplicates' | 'dataPointsSent';

async function totals(syncId: string): Promise<Record<Counter, number>> {
  const rows = await prisma().syncMinuteMetric.findMany({ where: { syncId } });
  const sum = (k: Counter) => rows.reduce((n, r) => n + r[k], 0);
  return {
    delivered: sum('delivered'),
    deliveredFirstAttempt: sum('deliveredFirstAttempt'),
    deliveredAfterRetry: sum('deliveredAfterRetry'),
    skipped: sum('skipped'),
    filtered: sum('filtered'),
    retried: sum('retried'),
    possibleDuplicates: sum('possibleDuplicates'),
    dataPointsSent: sum('dataPointsSent'),
  };
}

const base = Date.UTC(2026, 9, 5, 9);
const insertId = () => randomBytes(8).toString('hex');

describe('delivery rules', () => {
  it("keeps one sync's Braze outage from delaying or re-sending another sync's events", async () => {
    const project = await createProject();
    const healthy = await createEnabledSync(project.id, braze.url, { name: 'Healthy' });
    const failing = await createEnabledSync(project.id, other.url, { name: 'Failing' });
    // The second workspace answers 503 to more requests than the first attempts take: every
    // object of the failing sync is retried, after a backoff of at least a second.
    other.injectFaults({ status: 503, count: 8 });
    const events = Array.from({ length: 300 }, (_, i) => ({ event_type: 'Viewed', user_id: `iso-${i % 30}`, time: base + i, insert_id: insertId() }));
    for (let i = 0; i < 3; i++) expect((await postEvents(ingest.url, project.apiKey, events.slice(i * 100, (i + 1) * 100))).status).toBe(200);

    await waitFor(() => braze.events().length >= 300 && other.events().length >= 300, { what: 'both syncs', timeoutMs: 60_000 });
    expect(other.requests().filter((r) => r.status === 503).length).toBe(8);
    // The healthy sync had everything before the failing one's first retry was accepted.
    const healthyDone = Math.max(...braze.events().map((e) => e.receivedAt));
    const failingFirst = Math.min(...other.events().map((e) => e.receivedAt));
    expect(healthyDone).toBeLessThan(failingFirst);

    const keyOf = (o: Record<string, unknown>) => `${String(o.external_id)}|${String(o.time)}`;
    for (const fake of [braze, other]) {
      expect(fake.events()).toHaveLength(300);
      expect(new Set(fake.events().map((e) => keyOf(e.object))).size).toBe(300);
    }
    await waitFor(async () => ((await totals(failing.id)).delivered >= 300 && (await totals(healthy.id)).delivered >= 300 ? true : null), {
      what: 'metrics of both syncs',
      timeoutMs: 15_000,
    });
    expect(await totals(healthy.id)).toMatchObject({ delivered: 300, deliveredFirstAttempt: 300, retried: 0, possibleDuplicates: 0 });
    expect(await totals(failing.id)).toMatchObject({ delivered: 300, deliveredAfterRetry: 300, possibleDuplicates: 0 });
  });

  it('maps every identifier type as configured; events without the identifier are skipped and counted', async () => {
    const project = await createProject();
    const common = { eventProperties: { eventProperties: [], userProperties: [] } };
    const syncs = {
      external: await createEnabledSync(project.id, braze.url, { ...common, restApiKey: 'key-external' }),
      brazeId: await createEnabledSync(project.id, braze.url, { ...common, restApiKey: 'key-braze-id', identifierType: 'BRAZE_ID', identifierProperty: 'braze_id' }),
      alias: await createEnabledSync(project.id, braze.url, {
        ...common,
        restApiKey: 'key-alias',
        identifierType: 'USER_ALIAS',
        identifierProperty: 'device_id',
        aliasLabel: 'amplitude_device',
      }),
      email: await createEnabledSync(project.id, braze.url, { ...common, restApiKey: 'key-email', identifierType: 'EMAIL', identifierProperty: 'email' }),
    };
    const full = { event_type: 'Signed In', user_id: 'map-user', device_id: 'map-device', time: base, insert_id: insertId(), user_properties: { email: 'map@example.com', braze_id: 'bz-123' } };
    // No user_id: every mapping but the device alias skips it. No email or braze_id either.
    const deviceOnly = { event_type: 'Opened', device_id: 'map-device-2', time: base + 1_000, insert_id: insertId() };
    expect((await postEvents(ingest.url, project.apiKey, [full, deviceOnly])).status).toBe(200);

    const byKey = (key: string) => braze.events().filter((e) => e.apiKey === key).map((e) => e.object);
    await waitFor(() => byKey('key-external').length + byKey('key-braze-id').length + byKey('key-alias').length + byKey('key-email').length >= 5, {
      what: 'events of the four syncs',
      timeoutMs: 20_000,
    });
    const time = new Date(base).toISOString();
    expect(byKey('key-external')).toEqual([expect.objectContaining({ external_id: 'map-user', name: 'Signed In', time })]);
    expect(byKey('key-braze-id')).toEqual([expect.objectContaining({ braze_id: 'bz-123', name: 'Signed In', time })]);
    expect(byKey('key-email')).toEqual([expect.objectContaining({ email: 'map@example.com', name: 'Signed In', time })]);
    expect(byKey('key-alias')).toEqual([
      expect.objectContaining({ user_alias: { alias_name: 'map-device', alias_label: 'amplitude_device' }, name: 'Signed In' }),
      expect.objectContaining({ user_alias: { alias_name: 'map-device-2', alias_label: 'amplitude_device' }, name: 'Opened' }),
    ]);
    for (const object of [...byKey('key-external'), ...byKey('key-braze-id'), ...byKey('key-email')]) {
      expect(Object.keys(object).filter((k) => ['external_id', 'braze_id', 'email', 'user_alias'].includes(k))).toHaveLength(1);
    }
    await waitFor(async () => ((await totals(syncs.alias.id)).delivered >= 2 && (await totals(syncs.email.id)).skipped >= 1 ? true : null), {
      what: 'metrics',
      timeoutMs: 15_000,
    });
    for (const sync of [syncs.external, syncs.brazeId, syncs.email]) expect(await totals(sync.id)).toMatchObject({ delivered: 1, skipped: 1 });
    expect(await totals(syncs.alias.id)).toMatchObject({ delivered: 2, skipped: 0 });
  });

  it('sends exactly what the filters select and counts the rest as filtered out', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, braze.url, {
      eventSelection: {
        rules: [
          { eventType: 'Purchase', where: [{ scope: 'event', property: 'amount', operator: 'greater_than', values: ['10'] }] },
          { eventType: null, where: [{ scope: 'user', property: 'plan', operator: 'is', values: ['pro', 'team'] }] },
        ],
      },
    });
    const e = (event_type: string, extra: Record<string, unknown>, i: number) => ({ event_type, user_id: `filter-${i}`, time: base + i, insert_id: insertId(), ...extra });
    const events = [
      e('Purchase', { event_properties: { amount: 25 } }, 1), // rule 1
      e('Purchase', { event_properties: { amount: 5 } }, 2), // amount too small, plan not set
      e('Viewed', { user_properties: { plan: 'team' } }, 3), // rule 2
      e('Viewed', { user_properties: { plan: 'free' } }, 4), // neither
      e('Purchase', { event_properties: { amount: '11' }, user_properties: { plan: 'pro' } }, 5), // both
    ];
    expect(await postEvents(ingest.url, project.apiKey, events)).toMatchObject({ status: 200 });
    // The filtered count is written once the ingest job's deliveries are done, so after theirs.
    await waitFor(async () => {
      const t = await totals(sync.id);
      return t.delivered >= 3 && t.filtered >= 2 ? true : null;
    }, { what: 'selected events and the filtered count', timeoutMs: 20_000 });
    expect(braze.events().map((x) => x.object.external_id).sort()).toEqual(['filter-1', 'filter-3', 'filter-5']);
    expect(await totals(sync.id)).toMatchObject({ delivered: 3, filtered: 2, skipped: 0 });
  });

  it('marks updates of Update Users Only syncs so Braze creates no profile, and creates alias-only profiles otherwise', async () => {
    const project = await createProject();
    await createEnabledSync(project.id, braze.url, { restApiKey: 'key-external', updateUsersOnly: true, sendUsers: true, userProperties: ['plan'] });
    await createEnabledSync(project.id, braze.url, {
      restApiKey: 'key-alias',
      identifierType: 'USER_ALIAS',
      identifierProperty: 'device_id',
      aliasLabel: 'amplitude_device',
      sendUsers: true,
      userProperties: ['plan'],
    });
    const event = { event_type: 'Upgraded', user_id: 'new-user', device_id: 'new-device', time: base, insert_id: insertId(), user_properties: { $set: { plan: 'pro' } } };
    expect((await postEvents(ingest.url, project.apiKey, [event])).status).toBe(200);
    await waitFor(() => (braze.events().length >= 2 && braze.attributes().length >= 2 ? true : null), { what: 'both syncs', timeoutMs: 20_000 });

    const of = (key: string, list: { apiKey: string; object: Record<string, unknown> }[]) => list.filter((x) => x.apiKey === key).map((x) => x.object);
    expect(of('key-external', braze.attributes())).toEqual([expect.objectContaining({ external_id: 'new-user', plan: 'pro', _update_existing_only: true })]);
    expect(of('key-external', braze.events())).toEqual([expect.objectContaining({ external_id: 'new-user', _update_existing_only: true })]);
    // Braze creates alias-only profiles only from updates that say so.
    expect(of('key-alias', braze.attributes())).toEqual([
      expect.objectContaining({ user_alias: { alias_name: 'new-device', alias_label: 'amplitude_device' }, plan: 'pro', _update_existing_only: false }),
    ]);
    const profiles = braze.profiles();
    expect(profiles.find((p) => p.external_id === 'new-user')).toBeUndefined();
    const alias = profiles.find((p) => p.user_aliases.some((a) => a.alias_name === 'new-device'));
    expect(alias?.custom_attributes.plan).toBe('pro');
    expect(alias?.external_id).toBeUndefined();
  });
});
