/**
 * First types against the real Postgres: a worker reads a sync's stored first type of a name
 * once and then keeps it, the first writer wins across workers, and a worker that lost the race
 * learns the winner's type, not its own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { FirstTypes } from '@/lib/pipeline/guard/first-types';
import { createEnabledSync, createProject } from '@/test/fixtures';

afterAll(() => disconnectPrisma());

async function newSync() {
  const project = await createProject();
  return createEnabledSync(project.id, 'https://rest.iad-01.braze.com', { sendUsers: true, sendEvents: false, userProperties: ['mood'] });
}

const typesOf = (rules: Map<string, { type: unknown }>) => Object.fromEntries([...rules].map(([name, r]) => [name, r.type]));

describe('FirstTypes', () => {
  it('reads a stored name once, then answers from memory', async () => {
    const sync = await newSync();
    await prisma().attributeFirstType.create({ data: { syncId: sync.id, name: 'mood', dataType: 'String' } });
    const worker = new FirstTypes();
    expect(typesOf(await worker.load(sync.id, ['mood', 'age']))).toEqual({ mood: 'String' });

    // Behind the worker's back: the row it read goes, and a type for the unknown name appears.
    await prisma().attributeFirstType.deleteMany({ where: { syncId: sync.id } });
    await prisma().attributeFirstType.create({ data: { syncId: sync.id, name: 'age', dataType: 'Number' } });
    expect(typesOf(await worker.load(sync.id, ['mood', 'age']))).toEqual({ mood: 'String', age: 'Number' });
  });

  it('keeps what it stored itself, and the winning type of a name another worker stored first', async () => {
    const sync = await newSync();
    const first = new FirstTypes();
    const second = new FirstTypes();
    await first.record(sync.id, [{ field: 'vip', type: 'Boolean' }]);
    await second.record(sync.id, [{ field: 'vip', type: 'String' }, { field: 'tier', type: 'Number' }]);
    await prisma().attributeFirstType.deleteMany({ where: { syncId: sync.id, name: 'tier' } });

    expect(typesOf(await first.load(sync.id, ['vip']))).toEqual({ vip: 'Boolean' });
    // The second worker lost "vip": it reads the stored type; "tier" it stored itself.
    expect(typesOf(await second.load(sync.id, ['vip', 'tier']))).toEqual({ vip: 'Boolean', tier: 'Number' });
    expect(await prisma().attributeFirstType.findMany({ where: { syncId: sync.id }, select: { name: true, dataType: true } })).toEqual([
      { name: 'vip', dataType: 'Boolean' },
    ]);
  });
});
