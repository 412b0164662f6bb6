/**
 * The profile store against the real Postgres: Amplitude's operations and the event-time rule
 * as stored, and concurrent updates of one user (several ingest jobs, several workers) all
 * applied, each on top of the other, none lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserPropertyChange } from '@/lib/amplitude';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { applyUserModel, type ProfileSource } from '@/lib/users/profile-store';
import { createProject } from '@/test/fixtures';

let projectId: string;

beforeAll(async () => {
  projectId = (await createProject()).id;
});

afterAll(() => disconnectPrisma());

type Update = { userKey: string; time: number; userProperties: Record<string, unknown> };

const update = (userKey: string, time: number, userProperties: Record<string, unknown>): Update => ({ userKey, time, userProperties });

/** The updates as identify events of a job (keys "u:x" are user ids, "d:x" device ids). */
function asEvents(updates: Update[]): ProfileSource[] {
  return updates.map(({ userKey, time, userProperties }) => ({
    event_type: '$identify',
    time,
    user_properties: userProperties,
    ...(userKey.startsWith('u:') ? { user_id: userKey.slice(2) } : { device_id: userKey.slice(2) }),
  }));
}

async function applyProfileUpdates(projectId: string, updates: Update[]) {
  return (await applyUserModel(projectId, asEvents(updates), { views: false })).changes;
}

/** The value a change reported for `key` (an increment's new total, a list's new contents). */
function valueOf(changes: UserPropertyChange[] | undefined, key: string): unknown {
  const change = changes?.find((c) => c.key === key);
  return change && 'value' in change ? change.value : undefined;
}

async function stored(userKey: string) {
  const row = await prisma().userProfile.findUnique({ where: { projectId_userKey: { projectId, userKey } } });
  return row && { properties: row.properties, times: row.propertyTimes, version: Number(row.version) };
}

describe('applyProfileUpdates', () => {
  it('applies a batch in order and reports what each event changed', async () => {
    const changes = await applyProfileUpdates(projectId, [
      update('u:order', 10, { $set: { plan: 'free' }, $add: { visits: 1 } }),
      update('u:other', 10, { $setOnce: { city: 'Lyon' } }),
      update('u:order', 20, { $set: { plan: 'pro' }, $append: { tags: 'a' }, $add: { visits: 2 } }),
    ]);
    expect(changes.get(2)).toEqual([
      { key: 'plan', op: 'set', value: 'pro' },
      { key: 'visits', op: 'add', delta: 2, value: 3 },
      { key: 'tags', op: 'append', values: ['a'], value: ['a'] },
    ]);
    expect(await stored('u:order')).toEqual({ properties: { plan: 'pro', visits: 3, tags: ['a'] }, times: { plan: 20 }, version: 1 });
    expect((await stored('u:other'))?.properties).toEqual({ city: 'Lyon' });
  });

  it("never lets an older event's write replace a newer one's, across batches", async () => {
    await applyProfileUpdates(projectId, [update('u:late', 200, { $set: { plan: 'new' } })]);
    const changes = await applyProfileUpdates(projectId, [update('u:late', 100, { $set: { plan: 'old', city: 'Paris' }, $add: { n: 1 } })]);
    expect(changes.get(0)).toEqual([{ key: 'city', op: 'set', value: 'Paris' }, { key: 'n', op: 'add', delta: 1, value: 1 }]);
    expect(await stored('u:late')).toEqual({ properties: { plan: 'new', city: 'Paris', n: 1 }, times: { plan: 200, city: 100 }, version: 2 });
  });

  it('writes nothing for a batch that changes nothing', async () => {
    await applyProfileUpdates(projectId, [update('u:still', 50, { $set: { plan: 'x' } })]);
    const changes = await applyProfileUpdates(projectId, [update('u:still', 10, { $set: { plan: 'y' } }), update('u:none', 1, { $unset: [] })]);
    expect(changes.size).toBe(0);
    expect(await stored('u:still')).toMatchObject({ properties: { plan: 'x' }, version: 1 });
    expect(await stored('u:none')).toBeNull();
  });

  it('reports a $set sent again at the same time but leaves its row unwritten; a newer time is written', async () => {
    const set = { $set: { plan: 'pro', address: { city: 'Lyon', zip: '69001' }, tags: ['a', 'b'] } };
    await applyProfileUpdates(projectId, [update('u:again', 70, set)]);
    const before = await prisma().$queryRaw<{ xmin: string }[]>`
      SELECT xmin::text FROM "user_profiles" WHERE "project_id" = ${projectId} AND "user_key" = 'u:again'`;
    // The same values (an object's keys in another order, as Postgres may hand them back) at the same time.
    const again = await applyProfileUpdates(projectId, [
      update('u:again', 70, { $set: { tags: ['a', 'b'], address: { zip: '69001', city: 'Lyon' }, plan: 'pro' } }),
      update('u:again', 60, { $set: { plan: 'older' } }),
    ]);
    expect(again.get(0)?.map((c) => c.key)).toEqual(['tags', 'address', 'plan']);
    const after = await prisma().$queryRaw<{ xmin: string }[]>`
      SELECT xmin::text FROM "user_profiles" WHERE "project_id" = ${projectId} AND "user_key" = 'u:again'`;
    expect(after).toEqual(before);
    expect(await stored('u:again')).toMatchObject({ properties: set.$set, version: 1 });

    await applyProfileUpdates(projectId, [update('u:again', 80, { $set: { plan: 'pro' } })]);
    expect(await stored('u:again')).toMatchObject({ times: { plan: 80, address: 70, tags: 70 }, version: 2 });
    // The older write stays refused: the newer time was kept although the value did not change.
    await applyProfileUpdates(projectId, [update('u:again', 75, { $set: { plan: 'free' } })]);
    expect(await stored('u:again')).toMatchObject({ properties: { plan: 'pro' }, version: 2 });
  });

  it('applies two concurrent updates of one user both, the second on top of the first', async () => {
    await applyProfileUpdates(projectId, [update('u:pair', 0, { $set: { plan: 'free' } })]);
    const [a, b] = await Promise.all([
      applyProfileUpdates(projectId, [update('u:pair', 1, { $add: { visits: 1 }, $append: { seen: 'a' } })]),
      applyProfileUpdates(projectId, [update('u:pair', 2, { $add: { visits: 1 }, $append: { seen: 'b' } })]),
    ]);
    const totals = [a, b].map((c) => valueOf(c.get(0), 'visits'));
    expect(totals.sort()).toEqual([1, 2]);
    const row = await stored('u:pair');
    expect(row?.properties).toMatchObject({ plan: 'free', visits: 2 });
    expect([...(row?.properties as { seen: string[] }).seen].sort()).toEqual(['a', 'b']);
    expect(row?.version).toBe(3);
  });

  it('loses no update when many jobs update the same users at once', async () => {
    const jobs = 24;
    const results = await Promise.all(
      Array.from({ length: jobs }, (_, j) =>
        applyProfileUpdates(projectId, [
          update('u:hot', 1_000 + j, { $add: { n: 1 }, $postInsert: { jobs: j } }),
          update(`u:own-${j}`, 1_000, { $set: { job: j } }),
          update('u:warm', 1_000 + j, { $set: { [`k${j % 4}`]: j }, $add: { n: 2 } }),
        ]),
      ),
    );
    const hot = await stored('u:hot');
    expect(hot?.properties).toMatchObject({ n: jobs });
    expect([...(hot?.properties as { jobs: number[] }).jobs].sort((x, y) => x - y)).toEqual(Array.from({ length: jobs }, (_, j) => j));
    expect(hot?.version).toBe(jobs);
    // Each job saw every earlier job's increment: the totals it was told are 1..24, once each.
    expect(results.map((r) => valueOf(r.get(0), 'n')).sort((x, y) => Number(x) - Number(y))).toEqual(
      Array.from({ length: jobs }, (_, j) => j + 1),
    );
    const warm = await stored('u:warm');
    expect(warm?.properties).toMatchObject({ n: 2 * jobs, k0: 20, k1: 21, k2: 22, k3: 23 });
    expect(warm?.times).toEqual({ k0: 1_020, k1: 1_021, k2: 1_022, k3: 1_023 });
    for (let j = 0; j < jobs; j++) expect((await stored(`u:own-${j}`))?.properties).toEqual({ job: j });
  });
});

describe('applyUserModel views', () => {
  const event = (over: Partial<ProfileSource>): ProfileSource => ({ event_type: 'Played', time: 1_000, ...over });

  it('gives every event its user\'s stored properties, with earlier operations of the job applied', async () => {
    await applyUserModel(projectId, [event({ event_type: '$identify', user_id: 'view-1', user_properties: { $set: { plan: 'pro', braze_id: 'b-1' } } })], { views: false });
    const model = await applyUserModel(
      projectId,
      [
        event({ user_id: 'view-1' }),
        event({ user_id: 'view-1', time: 2_000, user_properties: { $set: { plan: 'team' } } }),
        event({ user_id: 'view-1', time: 3_000 }),
        event({ user_id: 'view-unknown' }),
      ],
      { views: true },
    );
    expect(model.views.get(0)).toEqual({ plan: 'pro', braze_id: 'b-1' });
    expect(model.views.get(1)).toEqual({ plan: 'team', braze_id: 'b-1' });
    expect(model.views.get(2)).toEqual({ plan: 'team', braze_id: 'b-1' });
    expect(model.views.get(3)).toEqual({});
    expect([...model.changes.keys()]).toEqual([1]);
  });

  it("keeps every view a snapshot: later events of the user in the job change none of the earlier views", async () => {
    await applyUserModel(projectId, [event({ user_id: 'view-snap', time: 5_000, user_properties: JSON.parse('{"$set":{"plan":"pro","__proto__":"p"}}') })], {
      views: false,
    });
    const model = await applyUserModel(
      projectId,
      [
        event({ user_id: 'view-snap', time: 6_000, user_properties: { $set: { plan: 'pro', city: 'Oslo' } } }),
        // Older than the stored `plan`: its write is dropped, its relative operation applies.
        event({ user_id: 'view-snap', time: 4_000, user_properties: { $set: { plan: 'free' }, $add: { n: 1 } } }),
        event({ user_id: 'view-snap', time: 7_000, user_properties: { $set: { plan: 'pro' } } }),
        event({ user_id: 'view-snap', time: 8_000, user_properties: { $unset: ['city'] } }),
        event({ user_id: 'view-snap', time: 9_000, user_properties: { $clearAll: '-' } }),
        event({ user_id: 'view-snap', time: 10_000, user_properties: { $set: { plan: 'team' } } }),
        event({ user_id: 'view-snap', time: 11_000 }),
      ],
      { views: true },
    );
    expect([...model.views.values()].map((v) => JSON.stringify(v))).toEqual([
      '{"plan":"pro","__proto__":"p","city":"Oslo"}',
      '{"plan":"pro","__proto__":"p","city":"Oslo","n":1}',
      '{"plan":"pro","__proto__":"p","city":"Oslo","n":1}',
      '{"plan":"pro","__proto__":"p","n":1}',
      '{}',
      '{"plan":"team"}',
      '{"plan":"team"}',
    ]);
    for (const view of model.views.values()) expect(Object.getPrototypeOf(view)).toBe(Object.prototype);
    expect(model.changes.get(1)).toEqual([{ key: 'n', op: 'add', delta: 1, value: 1 }]);
    expect(model.changes.get(4)).toEqual([
      { key: 'plan', op: 'unset' },
      { key: '__proto__', op: 'unset' },
      { key: 'n', op: 'unset' },
    ]);
    expect(await stored('u:view-snap')).toMatchObject({ properties: { plan: 'team' }, version: 2 });
    expect((await stored('u:view-snap'))?.times).toEqual(JSON.parse('{"plan":10000,"city":8000,"__proto__":9000,"n":9000}'));
  });

  it('shows an event its own $skip_user_properties_sync properties without keeping them', async () => {
    await applyUserModel(projectId, [event({ user_id: 'view-skip', user_properties: { plan: 'pro' } })], { views: false });
    const model = await applyUserModel(projectId, [event({ user_id: 'view-skip', user_properties: { city: 'Oslo' }, $skip_user_properties_sync: true })], { views: true });
    expect(model.views.get(0)).toEqual({ plan: 'pro', city: 'Oslo' });
    expect((await stored('u:view-skip'))?.properties).toEqual({ plan: 'pro' });
  });

  it('keeps the properties of a device-only user and carries them over when the device gets a user_id', async () => {
    await applyUserModel(projectId, [event({ device_id: 'dev-carry', user_properties: { $set: { plan: 'trial', city: 'Rome' } } })], { views: false });
    expect((await stored('d:dev-carry'))?.properties).toEqual({ plan: 'trial', city: 'Rome' });
    const model = await applyUserModel(
      projectId,
      [event({ user_id: 'carried', device_id: 'dev-carry', time: 5_000, user_properties: { $set: { plan: 'pro' } } })],
      { views: true },
    );
    expect(model.views.get(0)).toEqual({ plan: 'pro', city: 'Rome' });
    expect(model.changes.get(0)).toEqual([
      { key: 'city', op: 'set', value: 'Rome' },
      { key: 'plan', op: 'set', value: 'pro' },
    ]);
    expect((await stored('u:carried'))?.properties).toEqual({ plan: 'pro', city: 'Rome' });
    // Once the user has properties of its own, the device's no longer carry over.
    await applyUserModel(projectId, [event({ device_id: 'dev-carry', time: 6_000, user_properties: { $set: { city: 'Milan' } } })], { views: false });
    const later = await applyUserModel(projectId, [event({ user_id: 'carried', device_id: 'dev-carry', time: 7_000 })], { views: true });
    expect(later.views.get(0)).toEqual({ plan: 'pro', city: 'Rome' });
    expect(later.changes.size).toBe(0);
  });
});
