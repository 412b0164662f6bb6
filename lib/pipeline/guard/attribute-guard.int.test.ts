/**
 * The attribute type guard, subscriptions and the object limit switch, end to end (ingestion
 * API, worker process, Postgres, Redis, fake Braze over HTTP): what reaches Braze is what Braze
 * keeps, a value Braze would refuse or silently drop is held back alone and recorded as a
 * failure, and a request refused as too many objects is split and sent again.
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { REFRESH_MS, WorkspaceSchemas } from '@/lib/pipeline/guard/workspace-schema';
import { previewSyncRequest } from '@/lib/syncs/preview';
import { loadRuntimeSync } from '@/lib/syncs/runtime';
import { updateSyncSchema } from '@/lib/syncs/schema';
import { toSyncConfig } from '@/lib/syncs/sync-config';
import { toSyncView } from '@/lib/syncs/sync-view';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';

const GROUP_ID = '3f1c2a4e-8b7d-4c21-9e0f-5a6b7c8d9e01';
const rig = pipelineForFile({
  queueSuffix: 'attribute-guard',
  braze: {
    keys: [
      { key: 'key-declared' },
      { key: 'key-no-export', permissions: ['users.track'] },
      { key: 'key-subscriptions' },
      { key: 'key-mau', objectLimitMode: 'mau50' },
    ],
    declaredAttributes: [
      { name: 'age', data_type: 'Number' },
      { name: 'vip', data_type: 'Boolean' },
      { name: 'nickname', data_type: 'String' },
      { name: 'secret', data_type: 'String', status: 'Blocklisted' },
      { name: 'tags', data_type: 'Array', array_length: 3 },
      { name: 'level', data_type: 'Number' },
    ],
  },
  workerEnv: { DELIVERY_LINGER_MS: '20' },
});

beforeEach(() => rig.braze.reset());

function identify(userId: string, set: Record<string, unknown>) {
  return { event_type: '$identify', user_id: userId, time: Date.now(), insert_id: randomBytes(8).toString('hex'), user_properties: { $set: set } };
}

const attributesOf = (key: string) => rig.braze.attributes().filter((a) => a.apiKey === key).map((a) => a.object);

async function deadLetters(syncId: string, count: number) {
  return waitFor(async () => {
    const rows = await prisma().deadLetter.findMany({ where: { syncId }, orderBy: { error: 'asc' } });
    return rows.length >= count ? rows : null;
  }, { what: `${count} failures`, timeoutMs: 30_000 });
}

/** A project and its sync that sends users only, with `key`. */
async function userSync(key: string, userProperties: string[], extra: Parameters<typeof createEnabledSync>[2] = {}) {
  const project = await createProject();
  const sync = await createEnabledSync(project.id, rig.braze.url, { restApiKey: key, sendUsers: true, sendEvents: false, userProperties, ...extra });
  return { project, sync };
}

async function sendAndWait(projectKey: string, key: string, events: unknown[], objects: number) {
  expect((await postEvents(rig.ingest.url, projectKey, events)).status).toBe(200);
  await waitFor(() => (attributesOf(key).length >= objects ? true : null), { what: `${objects} attribute objects`, timeoutMs: 30_000 });
}

describe('the attribute type guard', () => {
  it("with the workspace's declared attributes: converts losslessly, trims to the array length, holds back blocklisted and unconvertible values alone", async () => {
    const { project, sync } = await userSync('key-declared', ['age', 'vip', 'nickname', 'secret', 'tags', 'level', 'mood']);
    const set = { age: '42', vip: 'true', nickname: 7, secret: 'hidden', tags: ['a', 'b', 'c', 'd'], level: 'forty', mood: 'happy' };
    await sendAndWait(project.apiKey, 'key-declared', [identify('ag-declared', set)], 1);

    expect(attributesOf('key-declared')).toEqual([{ external_id: 'ag-declared', age: 42, vip: true, nickname: '7', tags: ['b', 'c', 'd'], mood: 'happy' }]);
    const failures = await deadLetters(sync.id, 2);
    expect(failures.map((f) => [f.kind, f.payload, f.error])).toEqual([
      ['invalid', { external_id: 'ag-declared', level: 'forty' }, expect.stringContaining('"level" is a Number attribute in Braze')],
      ['invalid', { external_id: 'ag-declared', secret: 'hidden' }, expect.stringContaining('"secret" is blocklisted in Braze')],
    ]);
    expect(rig.braze.profiles().find((p) => p.external_id === 'ag-declared')?.custom_attributes).toMatchObject({ age: 42, vip: true, mood: 'happy' });
    const row = await prisma().sync.findUniqueOrThrow({ where: { id: sync.id } });
    expect(row.attributeGuardMode).toBe('declared');
    // One export per workspace per hour: the second user's update reads the stored list.
    await sendAndWait(project.apiKey, 'key-declared', [identify('ag-declared-2', { age: '7' })], 2);
    expect(rig.braze.requests().filter((r) => r.path === '/custom_attributes')).toHaveLength(1);
  });

  it('without the permission: remembers the first type sent and holds back a later value of another type', async () => {
    const { project, sync } = await userSync('key-no-export', ['rank', 'joined']);
    await sendAndWait(project.apiKey, 'key-no-export', [identify('ag-first', { rank: 3, joined: '2024-05-01' })], 1);
    await sendAndWait(project.apiKey, 'key-no-export', [identify('ag-first', { rank: '4' })], 2);
    // Both values of the third update are held back, so nothing of it reaches Braze.
    expect((await postEvents(rig.ingest.url, project.apiKey, [identify('ag-first', { rank: 'gold', joined: 'soon' })])).status).toBe(200);
    const failures = await deadLetters(sync.id, 2);

    expect(attributesOf('key-no-export')).toEqual([
      { external_id: 'ag-first', rank: 3, joined: '2024-05-01' },
      { external_id: 'ag-first', rank: 4 },
    ]);
    expect(failures.map((f) => f.error)).toEqual([
      expect.stringContaining('"joined" was first sent to Braze as Time'),
      expect.stringContaining('"rank" was first sent to Braze as Number'),
    ]);
    const types = await prisma().attributeFirstType.findMany({ where: { syncId: sync.id }, orderBy: { name: 'asc' } });
    expect(types.map((t) => [t.name, t.dataType])).toEqual([['joined', 'Time'], ['rank', 'Number']]);
    expect((await prisma().sync.findUniqueOrThrow({ where: { id: sync.id } })).attributeGuardMode).toBe('first_type');
  });
});

describe('the declared attributes of a workspace', () => {
  it('are read once an hour whatever the number of workers, and again once an hour old', async () => {
    const { sync } = await userSync('key-declared', ['age']);
    const runtime = (await loadRuntimeSync(sync.id))!;
    await prisma().brazeAttributeSchema.deleteMany();
    const worker = () => new WorkspaceSchemas({ fetch, timeoutMs: 5_000, allowedEndpoints: [rig.braze.url] });
    const exports = () => rig.braze.requests().filter((r) => r.path === '/custom_attributes').length;
    const before = exports();
    // Three workers meet a workspace never read: one reads it, the others wait for its answer.
    const loaded = await Promise.all([worker().load(runtime), worker().load(runtime), worker().load(runtime)]);
    expect(loaded.map((l) => l.mode)).toEqual(['declared', 'declared', 'declared']);
    expect(exports() - before).toBe(1);
    expect((await worker().load(runtime)).mode).toBe('declared');
    expect(exports() - before).toBe(1);
    await prisma().brazeAttributeSchema.updateMany({ data: { fetchedAt: new Date(Date.now() - REFRESH_MS - 1_000) } });
    const refreshed = await worker().load(runtime);
    expect(refreshed.mode === 'declared' ? refreshed.rules.get('age') : null).toMatchObject({ type: 'Number', source: 'declared' });
    expect(exports() - before).toBe(2);
  });
});

describe('the preview', () => {
  it('shows guarded and subscription values as they will be sent, the held-back ones, and date-looking text', async () => {
    const { project, sync } = await userSync('key-declared', ['age', 'level', 'signup'], { subscriptions: { emailSubscribe: 'newsletter', pushSubscribe: undefined, groups: [] } });
    const settings = updateSyncSchema.parse({ ...toSyncConfig(toSyncView(sync)), restApiKey: '' });
    const event = identify('ag-preview', { age: '42', level: 'forty', signup: '2024-05-01', newsletter: 'false' });
    const preview = await previewSyncRequest(project.id, { syncId: sync.id, settings, event });
    expect(preview.request?.body).toEqual({ attributes: [{ external_id: 'ag-preview', age: 42, signup: '2024-05-01', email_subscribe: 'unsubscribed' }] });
    expect(preview.notes).toContainEqual(expect.stringContaining('Held back from Braze: "level" is a Number attribute in Braze'));
    expect(preview.dateLike).toEqual([{ where: 'Attribute "signup"', value: '2024-05-01' }]);
  });
});

describe('subscriptions', () => {
  it('sends mapped user properties as subscription states, and holds back only a value Braze would refuse', async () => {
    const { project, sync } = await userSync('key-subscriptions', ['plan'], {
      subscriptions: { emailSubscribe: 'newsletter', pushSubscribe: 'push_ok', groups: [{ property: 'weekly', groupId: GROUP_ID }] },
    });
    const set = { plan: 'pro', newsletter: true, push_ok: 'maybe', weekly: 'Subscribed' };
    await sendAndWait(project.apiKey, 'key-subscriptions', [identify('sub-1', set)], 1);

    expect(attributesOf('key-subscriptions')).toEqual([
      {
        external_id: 'sub-1',
        plan: 'pro',
        email_subscribe: 'opted_in',
        subscription_groups: [{ subscription_group_id: GROUP_ID, subscription_state: 'subscribed' }],
      },
    ]);
    const [failure] = await deadLetters(sync.id, 1);
    expect(failure!.error).toMatch(/^Held back from Braze: Braze accepts only opted_in, subscribed or unsubscribed .* for push_subscribe, not "maybe"/);
    // Braze took the object whole: no minor error.
    const answer = rig.braze.requests().find((r) => r.path === '/users/track')?.responseBody;
    expect(answer).toEqual({ message: 'success', attributes_processed: 1 });
  });
});

describe('the object limit', () => {
  it('moves to 50 combined when Braze refuses 75 objects, and sends them all, split', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url, { restApiKey: 'key-mau', objectLimitMode: 'combined75' });
    expect((await postEvents(rig.ingest.url, project.apiKey, makeEvents(75, { users: 75 }))).status).toBe(200);
    await waitFor(() => (rig.braze.events().filter((e) => e.apiKey === 'key-mau').length >= 75 ? true : null), { what: '75 events', timeoutMs: 30_000 });

    const tracks = rig.braze.requests().filter((r) => r.path === '/users/track');
    expect(tracks.map((r) => [r.status, (r.body as { events: unknown[] }).events.length])).toEqual([[400, 75], [201, 50], [201, 25]]);
    const row = await prisma().sync.findUniqueOrThrow({ where: { id: sync.id } });
    expect(row).toMatchObject({ objectLimitMode: 'mau50', objectLimitSwitchedFrom: 'combined75' });
    expect(row.objectLimitSwitchedAt).toBeInstanceOf(Date);
    expect(await prisma().deadLetter.count({ where: { syncId: sync.id } })).toBe(0);
  });
});
