/**
 * The guard's memory when the key may not read the workspace's declared attributes: the first
 * type this sync sent per custom attribute (Braze fixes an attribute's type from its first
 * value). The first writer wins, so two workers sending different types at once agree on one.
 */
import { readDataType, type AttributeRule, type GuardType } from '@/lib/braze/attribute-guard';
import { prisma } from '@/lib/db/prisma';

export async function loadFirstTypes(syncId: string, names: readonly string[]): Promise<Map<string, AttributeRule>> {
  if (names.length === 0) return new Map();
  const rows = await prisma().attributeFirstType.findMany({ where: { syncId, name: { in: [...new Set(names)] } } });
  return new Map(rows.map((r) => [r.name, { type: readDataType(r.dataType), arrayLength: null, blocklisted: false, source: 'first_type' as const }]));
}

export async function recordFirstTypes(syncId: string, entries: readonly { field: string; type: GuardType }[]): Promise<void> {
  if (entries.length === 0) return;
  await prisma().attributeFirstType.createMany({
    data: entries.map((e) => ({ syncId, name: e.field, dataType: e.type })),
    skipDuplicates: true,
  });
}
