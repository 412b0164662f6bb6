/**
 * The user model, end to end with the official Node SDK (ingestion API, worker process,
 * Postgres, Redis, fake Braze over HTTP): the SDK sends user properties only with identify(),
 * never with later track() calls, yet every event must see its user's current properties, as
 * Amplitude stamps them: selected user properties reach Braze as event properties, identifiers
 * mapped to a stored user property resolve, and filters on stored user properties select. The
 * preview builds the very bytes the worker sends.
 */
import { randomBytes } from 'node:crypto';
import { createInstance, Identify } from '@amplitude/analytics-node';
import { beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { previewSyncRequest } from '@/lib/syncs/preview';
import { updateSyncSchema } from '@/lib/syncs/schema';
import { createEnabledSync, createProject, postEvents } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';

const KEYS = ['key-external', 'key-braze-id', 'key-alias', 'key-email', 'key-filter', 'fake-rest-api-key'];
const rig = pipelineForFile({ queueSuffix: 'user-model', braze: { keys: KEYS.map((key) => ({ key })) }, workerEnv: { DELIVERY_LINGER_MS: '50' } });

beforeEach(() => rig.braze.reset());

/** An Amplitude Node SDK client of `apiKey` pointed at the product's ingestion API. */
async function sdk(apiKey: string) {
  const client = createInstance();
  await client.init(apiKey, { serverUrl: `${rig.ingest.url}/2/httpapi`, flushIntervalMillis: 60_000, flushQueueSize: 1_000 }).promise;
  return client;
}

/**
 * Waits until the user's profile holds `key`: an SDK's later upload comes at least a flush
 * interval after the identify, long after its fan-out (docs/architecture.md, "The user model").
 */
async function stored(projectId: string, userKey: string, key: string): Promise<void> {
  await waitFor(async () => {
    const row = await prisma().userProfile.findUnique({ where: { projectId_userKey: { projectId, userKey } } });
    return row && Object.hasOwn(row.properties as object, key) ? true : null;
  }, { what: `${userKey}'s ${key}`, timeoutMs: 20_000 });
}

const eventsOf = (key: string) => rig.braze.events().filter((e) => e.apiKey === key).map((e) => e.object);

describe('the user model', () => {
  it('gives events without user properties their stored ones: selected properties, every identifier mapping, filters', async () => {
    const project = await createProject();
    const none = { eventProperties: [], userProperties: [] };
    await createEnabledSync(project.id, rig.braze.url, { restApiKey: 'key-external', eventProperties: { eventProperties: [], userProperties: ['plan'] } });
    await createEnabledSync(project.id, rig.braze.url, { restApiKey: 'key-braze-id', eventProperties: none, identifierType: 'BRAZE_ID', identifierProperty: 'braze_id' });
    await createEnabledSync(project.id, rig.braze.url, {
      restApiKey: 'key-alias',
      eventProperties: none,
      identifierType: 'USER_ALIAS',
      identifierProperty: 'crm_id',
      aliasLabel: 'crm',
    });
    await createEnabledSync(project.id, rig.braze.url, { restApiKey: 'key-email', eventProperties: none, identifierType: 'EMAIL', identifierProperty: 'email' });
    await createEnabledSync(project.id, rig.braze.url, {
      restApiKey: 'key-filter',
      eventProperties: none,
      eventSelection: { rules: [{ eventType: 'Played Song', where: [{ scope: 'user', property: 'plan', operator: 'is', values: ['pro'] }] }] },
    });

    const client = await sdk(project.apiKey);
    const identify = new Identify().set('plan', 'pro').set('braze_id', 'bz-pro').set('crm_id', 'crm-pro').set('email', 'pro@example.com');
    client.identify(identify, { user_id: 'um-pro' });
    client.identify(new Identify().set('plan', 'free'), { user_id: 'um-free' });
    await client.flush().promise;
    await stored(project.id, 'u:um-pro', 'email');
    await stored(project.id, 'u:um-free', 'plan');
    // The identifies are stored before the events arrive, as two SDK uploads would be.
    client.track('Played Song', { song: 'a' }, { user_id: 'um-pro' });
    client.track('Played Song', { song: 'b' }, { user_id: 'um-free' });
    await client.flush().promise;

    const arrived = () => eventsOf('key-external').length >= 2 && ['key-filter', 'key-email', 'key-alias', 'key-braze-id'].every((k) => eventsOf(k).length >= 1);
    await waitFor(() => (arrived() ? true : null), {
      what: 'events of every sync',
      timeoutMs: 30_000,
    });
    const external = eventsOf('key-external');
    expect(external.find((e) => e.external_id === 'um-pro')).toMatchObject({ name: 'Played Song', properties: { plan: 'pro' } });
    expect(external.find((e) => e.external_id === 'um-free')).toMatchObject({ properties: { plan: 'free' } });
    expect(eventsOf('key-braze-id')).toEqual([expect.objectContaining({ braze_id: 'bz-pro', name: 'Played Song' })]);
    expect(eventsOf('key-alias')).toEqual([expect.objectContaining({ user_alias: { alias_name: 'crm-pro', alias_label: 'crm' } })]);
    expect(eventsOf('key-email')).toEqual([expect.objectContaining({ email: 'pro@example.com' })]);
    expect(eventsOf('key-filter')).toEqual([expect.objectContaining({ external_id: 'um-pro' })]);
  });

  it("carries a device's properties over to the user it turns out to be", async () => {
    const project = await createProject();
    await createEnabledSync(project.id, rig.braze.url, { eventProperties: { eventProperties: [], userProperties: ['referrer'] } });
    const client = await sdk(project.apiKey);
    client.identify(new Identify().set('referrer', 'newsletter'), { device_id: 'um-device-1' });
    await client.flush().promise;
    await stored(project.id, 'd:um-device-1', 'referrer');
    client.track('Signed Up', undefined, { user_id: 'um-known', device_id: 'um-device-1' });
    await client.flush().promise;
    await waitFor(() => (rig.braze.events().length >= 1 ? true : null), { what: 'the event', timeoutMs: 30_000 });
    expect(rig.braze.events().map((e) => e.object)).toEqual([expect.objectContaining({ external_id: 'um-known', properties: { referrer: 'newsletter' } })]);
  });

  it('sends byte for byte the request the preview shows', async () => {
    const project = await createProject();
    const settings = {
      name: 'Braze',
      brazeEndpoint: rig.braze.url,
      restApiKey: 'fake-rest-api-key',
      appId: 'app-123',
      sendUsers: true,
      userProperties: ['plan', 'visits'],
      eventProperties: { eventProperties: ['amount'], userProperties: ['plan', 'city'] },
    };
    await createEnabledSync(project.id, rig.braze.url, settings);
    const time = Date.UTC(2026, 10, 20, 8);
    const earlier = { event_type: '$identify', user_id: 'um-preview', time, insert_id: randomBytes(8).toString('hex'), user_properties: { $set: { city: 'Oslo' } } };
    expect((await postEvents(rig.ingest.url, project.apiKey, [earlier])).status).toBe(200);
    await stored(project.id, 'u:um-preview', 'city');
    const sample = {
      event_type: 'Order Completed',
      user_id: 'um-preview',
      time: time + 60_000,
      event_properties: { amount: 25, coupon: 'X' },
      user_properties: { $set: { plan: 'pro' }, $add: { visits: 2 } },
    };
    // The stored profile is read by the preview too: `city` comes from the identify above.
    const preview = await previewSyncRequest(project.id, { event: sample, settings: updateSyncSchema.parse(settings) });
    expect((await postEvents(rig.ingest.url, project.apiKey, [{ ...sample, insert_id: randomBytes(8).toString('hex') }])).status).toBe(200);
    await waitFor(() => (rig.braze.requests().some((r) => r.path === '/users/track' && r.status === 201) ? true : null), {
      what: 'the request',
      timeoutMs: 30_000,
    });
    const sent = rig.braze.requests().filter((r) => r.path === '/users/track');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.bodyText).toBe(JSON.stringify(preview.request!.body));
    expect(preview.request!.body).toMatchObject({
      attributes: [{ external_id: 'um-preview', plan: 'pro', visits: { inc: 2 } }],
      events: [{ external_id: 'um-preview', name: 'Order Completed', properties: { amount: 25, plan: 'pro', city: 'Oslo' } }],
    });
  });
});
