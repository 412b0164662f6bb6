/**
 * Anonymous users, end to end with the official Node SDK (ingestion API, worker process,
 * Postgres, Redis, fake Braze over HTTP): a device's events before login go to an alias-only
 * profile, the login merges it into the known user before any of that user's later objects, a
 * user's second device is merged too, and a restarted worker does not merge a device again.
 */
import { createInstance, Identify } from '@amplitude/analytics-node';
import { beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { searchDeliveryLog } from '@/lib/pipeline/deliver/delivery-log';
import { producerConnection } from '@/lib/queue/queues';
import { createEnabledSync, createProject } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { startProcess, waitFor, waitForOutput } from '@/test/processes';

const WORKER_ENV = { DELIVERY_LINGER_MS: '50' };
const rig = pipelineForFile({ queueSuffix: 'anonymous-users', workerEnv: WORKER_ENV });
const LABEL = 'amplitude_device_id';

beforeEach(() => rig.braze.reset());

async function sdk(apiKey: string) {
  const client = createInstance();
  await client.init(apiKey, { serverUrl: `${rig.ingest.url}/2/httpapi`, flushIntervalMillis: 60_000, flushQueueSize: 1_000 }).promise;
  return client;
}

const profileOf = (match: (p: ReturnType<typeof rig.braze.profiles>[number]) => boolean) => rig.braze.profiles().find(match);
const eventCount = (p: { custom_events: { count: number }[] } | undefined) => (p?.custom_events ?? []).reduce((n, e) => n + e.count, 0);
const hasAlias = (name: string) => (p: { user_aliases: { alias_name: string }[] }) => p.user_aliases.some((a) => a.alias_name === name);
/** The calls of user endpoints, in order (the attribute guard also reads Braze's attribute list). */
const userCalls = () => rig.braze.requests().filter((r) => r.path.startsWith('/users/'));
const paths = () => userCalls().map((r) => r.path);

/** Index of the first /users/track request carrying an object of `externalId`. */
function firstTrackOf(externalId: string): number {
  return userCalls().findIndex((r) => r.path === '/users/track' && JSON.stringify(r.body).includes(`"external_id":"${externalId}"`));
}

async function identifiedCount(syncId: string): Promise<number> {
  const rows = await prisma().syncMinuteMetric.findMany({ where: { syncId }, select: { identifiedAliases: true } });
  return rows.reduce((n, r) => n + r.identifiedAliases, 0);
}

describe('Send anonymous users', () => {
  it('merges the anonymous history into the known user before any of its later objects: one profile, every event, in order', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url, { sendAnonymousUsers: true, sendUsers: true, userProperties: ['plan'] });
    const client = await sdk(project.apiKey);
    client.identify(new Identify().set('plan', 'trial'), { device_id: 'anon-dev-1' });
    client.track('Viewed Pricing', undefined, { device_id: 'anon-dev-1', time: Date.now() - 3_000 });
    client.track('Viewed Signup', undefined, { device_id: 'anon-dev-1', time: Date.now() - 2_000 });
    await client.flush().promise;
    await waitFor(() => eventCount(profileOf(hasAlias('anon-dev-1'))) === 2, { what: 'the alias-only profile with both events', timeoutMs: 30_000 });
    expect(profileOf(hasAlias('anon-dev-1'))).toMatchObject({ custom_attributes: { plan: 'trial' } });
    expect(profileOf(hasAlias('anon-dev-1'))).not.toHaveProperty('external_id');

    // The login: the SDK's next upload carries the user_id with the same device.
    client.track('Signed Up', undefined, { user_id: 'anon-ada', device_id: 'anon-dev-1', time: Date.now() - 1_000 });
    client.track('Started Trial', undefined, { user_id: 'anon-ada', device_id: 'anon-dev-1' });
    await client.flush().promise;
    await waitFor(() => eventCount(profileOf((p) => p.external_id === 'anon-ada')) === 4, { what: 'all four events on the known user', timeoutMs: 30_000 });

    expect(rig.braze.profiles()).toEqual([
      expect.objectContaining({
        external_id: 'anon-ada',
        user_aliases: [{ alias_name: 'anon-dev-1', alias_label: LABEL }],
        custom_attributes: { plan: 'trial' },
      }),
    ]);
    const identify = rig.braze.requests().filter((r) => r.path === '/users/identify');
    expect(identify.map((r) => [r.status, r.body])).toEqual([
      [201, { aliases_to_identify: [{ external_id: 'anon-ada', user_alias: { alias_name: 'anon-dev-1', alias_label: LABEL } }] }],
    ]);
    // Every anonymous object before the identify, the identify before the user's first object.
    const at = paths().indexOf("/users/identify");
    expect(at).toBeGreaterThan(0);
    expect(userCalls().slice(0, at).every((r) => JSON.stringify(r.body).includes('"alias_name":"anon-dev-1"'))).toBe(true);
    expect(firstTrackOf('anon-ada')).toBeGreaterThan(at);
    expect(rig.braze.events().map((e) => e.object.name)).toEqual(['Viewed Pricing', 'Viewed Signup', 'Signed Up', 'Started Trial']);
    expect(rig.braze.events().every((e) => e.applied)).toBe(true);

    await waitFor(async () => (await identifiedCount(sync.id)) === 1, { what: 'the identified-aliases count', timeoutMs: 15_000 });
    const logged = await searchDeliveryLog(producerConnection(), env().QUEUE_PREFIX, sync.id, {});
    expect(logged.find((e) => e.endpoint === '/users/identify')).toMatchObject({
      status: 201,
      outcome: 'accepted',
      reason: '201 {"aliases_processed":1,"message":"success"}',
      call: { aliases_to_identify: [{ external_id: 'anon-ada', user_alias: { alias_name: 'anon-dev-1', alias_label: LABEL } }] },
    });
    const ofUser = await searchDeliveryLog(producerConnection(), env().QUEUE_PREFIX, sync.id, { userId: 'anon-ada' });
    expect(ofUser.map((e) => e.endpoint ?? '/users/track')).toEqual(['/users/track', '/users/identify']);
  });

  it('identifies a device whose login event itself is not sent (a delivery job of the identify alone)', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url, {
      sendAnonymousUsers: true,
      eventSelection: { rules: [{ eventType: 'Viewed Pricing', where: [] }] },
    });
    const client = await sdk(project.apiKey);
    client.track('Viewed Pricing', undefined, { device_id: 'anon-dev-solo' });
    await client.flush().promise;
    await waitFor(() => eventCount(profileOf(hasAlias('anon-dev-solo'))) === 1, { what: 'the alias-only profile', timeoutMs: 30_000 });
    client.track('Logged In', undefined, { user_id: 'anon-cy', device_id: 'anon-dev-solo' });
    await client.flush().promise;
    await waitFor(() => profileOf((p) => p.external_id === 'anon-cy'), { what: 'the identified profile', timeoutMs: 30_000 });
    client.track('Viewed Pricing', undefined, { user_id: 'anon-cy', device_id: 'anon-dev-solo' });
    await client.flush().promise;
    await waitFor(() => eventCount(profileOf((p) => p.external_id === 'anon-cy')) === 2, { what: 'the known event on the same profile', timeoutMs: 30_000 });
    expect(rig.braze.profiles()).toHaveLength(1);
    expect(paths()).toEqual(['/users/track', '/users/identify', '/users/track']);
    await waitFor(async () => (await identifiedCount(sync.id)) === 1, { what: 'the identified-aliases count', timeoutMs: 15_000 });
  });

  it("merges each of a user's devices, and a restarted worker merges none again", async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url, { sendAnonymousUsers: true, anonymousAliasLabel: 'web_device' });
    const client = await sdk(project.apiKey);
    client.track('Opened App', undefined, { device_id: 'anon-phone' });
    client.track('Opened Site', undefined, { device_id: 'anon-laptop' });
    await client.flush().promise;
    await waitFor(() => rig.braze.profiles().length === 2, { what: 'two alias-only profiles', timeoutMs: 30_000 });

    client.track('Logged In', undefined, { user_id: 'anon-bo', device_id: 'anon-phone' });
    await client.flush().promise;
    await waitFor(() => eventCount(profileOf((p) => p.external_id === 'anon-bo')) === 2, { what: 'the phone merged', timeoutMs: 30_000 });
    client.track('Logged In', undefined, { user_id: 'anon-bo', device_id: 'anon-laptop' });
    await client.flush().promise;
    await waitFor(() => eventCount(profileOf((p) => p.external_id === 'anon-bo')) === 4, { what: 'the laptop merged', timeoutMs: 30_000 });
    expect(rig.braze.profiles()).toHaveLength(1);
    expect(paths().filter((p) => p === '/users/identify' || p === '/users/merge')).toEqual(['/users/identify', '/users/merge']);
    expect(rig.braze.requests().find((r) => r.path === '/users/merge')?.body).toEqual({
      merge_updates: [{ identifier_to_merge: { user_alias: { alias_name: 'anon-laptop', alias_label: 'web_device' } }, identifier_to_keep: { external_id: 'anon-bo' } }],
    });

    await rig.worker.kill('SIGTERM');
    rig.worker = startProcess('worker/main.ts', {
      BRAZE_CUSTOM_ENDPOINTS: rig.braze.url,
      QUEUE_PREFIX: env().QUEUE_PREFIX,
      LOG_LEVEL: 'info',
      ...WORKER_ENV,
    });
    await waitForOutput(rig.worker, /worker started/);
    client.track('Logged In Again', undefined, { user_id: 'anon-bo', device_id: 'anon-phone' });
    client.track('Logged In Again', undefined, { user_id: 'anon-bo', device_id: 'anon-laptop' });
    await client.flush().promise;
    await waitFor(() => eventCount(profileOf((p) => p.external_id === 'anon-bo')) === 6, { what: 'the events after the restart', timeoutMs: 30_000 });
    expect(paths().filter((p) => p === '/users/identify' || p === '/users/merge')).toHaveLength(2);
    const devices = await prisma().anonymousDevice.findMany({ where: { syncId: sync.id }, orderBy: { deviceId: 'asc' } });
    expect(devices.map((d) => [d.deviceId, d.externalId, d.identifiedAt !== null])).toEqual([
      ['anon-laptop', 'anon-bo', true],
      ['anon-phone', 'anon-bo', true],
    ]);
    await waitFor(async () => (await identifiedCount(sync.id)) === 2, { what: 'the identified-aliases count', timeoutMs: 15_000 });
  });
});
