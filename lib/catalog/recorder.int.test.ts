/**
 * The catalog recorder against the real Postgres: counts per project, kind and name add up
 * across flushes, and last-seen is the newest time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_CAPS, CatalogRecorder } from '@/lib/catalog/recorder';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { createProject } from '@/test/fixtures';

let projects: string[];

beforeAll(async () => {
  projects = [(await createProject()).id, (await createProject()).id];
});

afterAll(() => disconnectPrisma());

async function entries(projectId: string) {
  const rows = await prisma().catalogEntry.findMany({ where: { projectId }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] });
  return rows.map((r) => [r.kind, r.name, Number(r.count), r.lastSeen.getTime()]);
}

describe('CatalogRecorder', () => {
  it('counts event types, event properties and user properties per project, across flushes', async () => {
    const [a, b] = projects as [string, string];
    const recorder = new CatalogRecorder(60_000);
    recorder.record(a, [
      { event_type: 'Played', event_properties: { song: 's', ['__proto__']: 1 }, user_properties: { $set: { plan: 'pro' }, city: 'Lyon' } },
      { event_type: 'Played', event_properties: { song: 't' } },
      { event_type: '$identify', user_properties: { $add: { visits: 1 } } },
    ], 1_000);
    recorder.record(b, [{ event_type: 'Played', event_properties: { '': 1 } }], 1_000);
    await recorder.flush();
    recorder.record(a, [{ event_type: 'Played', event_properties: { song: 'u' } }], 500);
    recorder.record(a, [{ event_type: 'Paused' }], 3_000);
    await recorder.stop();
    expect(await entries(a)).toEqual([
      ['event_property', '__proto__', 1, 1_000],
      ['event_property', 'song', 3, 1_000],
      ['event_type', 'Paused', 1, 3_000],
      ['event_type', 'Played', 3, 1_000],
      ['user_property', 'city', 1, 1_000],
      ['user_property', 'plan', 1, 1_000],
      ['user_property', 'visits', 1, 1_000],
    ]);
    expect(await entries(b)).toEqual([['event_type', 'Played', 1, 1_000]]);
  });

  it("stops taking new names of a kind at the cap, and still counts the names it has", async () => {
    const project = (await createProject()).id;
    const cap = CATALOG_CAPS.user_property;
    const first = new CatalogRecorder(60_000);
    first.record(project, [{ event_type: '$identify', user_properties: { $set: Object.fromEntries(Array.from({ length: cap - 2 }, (_, i) => [`p${String(i).padStart(4, '0')}`, 1])) } }], 1_000);
    await first.stop();
    const second = new CatalogRecorder(60_000);
    second.record(project, [{ event_type: '$identify', user_properties: { $set: { zz: 1, aa: 1, mm: 1, p0000: 2 } } }], 2_000);
    await second.stop();
    const rows = await prisma().catalogEntry.findMany({ where: { projectId: project, kind: 'user_property' }, select: { name: true, count: true } });
    expect(rows).toHaveLength(cap);
    const byName = new Map(rows.map((r) => [r.name, Number(r.count)]));
    // Two names still fit, taken in name order; the counts of a known name add up.
    expect([byName.get('aa'), byName.get('mm'), byName.has('zz'), byName.get('p0000')]).toEqual([1, 1, false, 2]);
  });
});
