/**
 * The guard's memory when the key may not read the workspace's declared attributes: the first
 * type this sync sent per custom attribute (Braze fixes an attribute's type from its first
 * value). The first writer wins, so two workers sending different types at once agree on one.
 *
 * A stored first type never changes (rows are only ever inserted, and go only with their sync),
 * so each worker keeps the ones it has read or stored: steady traffic reads Postgres only when
 * an attribute name appears that this worker does not know yet.
 */
import { readDataType, type AttributeRule, type GuardType } from '@/lib/braze/attribute-guard';
import { prisma } from '@/lib/db/prisma';

/** Syncs whose first types a worker keeps; past it the least recently used sync's are read again. */
const MAX_SYNCS = 1_000;
/** Names kept per sync; past it that sync's are read again as they come (a sync inventing names). */
const MAX_NAMES_PER_SYNC = 10_000;

export class FirstTypes {
  /** Per sync (least recently used first), the stored first type of each name known. */
  private readonly known = new Map<string, Map<string, GuardType | null>>();

  async load(syncId: string, names: readonly string[]): Promise<Map<string, AttributeRule>> {
    if (names.length === 0) return new Map();
    const known = this.ofSync(syncId);
    const missing = [...new Set(names)].filter((n) => !known.has(n));
    if (missing.length > 0) {
      if (known.size + missing.length > MAX_NAMES_PER_SYNC) known.clear();
      const rows = await prisma().attributeFirstType.findMany({ where: { syncId, name: { in: missing } }, select: { name: true, dataType: true } });
      for (const r of rows) known.set(r.name, readDataType(r.dataType));
    }
    const rules = new Map<string, AttributeRule>();
    for (const name of names) {
      if (known.has(name)) rules.set(name, { type: known.get(name)!, arrayLength: null, blocklisted: false, source: 'first_type' });
    }
    return rules;
  }

  /** Stores first types not stored yet; a name another worker stored first keeps that worker's type. */
  async record(syncId: string, entries: readonly { field: string; type: GuardType }[]): Promise<void> {
    if (entries.length === 0) return;
    const inserted = await prisma().attributeFirstType.createManyAndReturn({
      data: entries.map((e) => ({ syncId, name: e.field, dataType: e.type })),
      skipDuplicates: true,
      select: { name: true, dataType: true },
    });
    // Only the rows this call inserted: a skipped name is read back (the winner's type) when next needed.
    const known = this.ofSync(syncId);
    for (const r of inserted) known.set(r.name, readDataType(r.dataType));
  }

  private ofSync(syncId: string): Map<string, GuardType | null> {
    let known = this.known.get(syncId);
    if (known) {
      this.known.delete(syncId);
    } else {
      known = new Map();
      if (this.known.size >= MAX_SYNCS) this.known.delete(this.known.keys().next().value!);
    }
    this.known.set(syncId, known);
    return known;
  }
}
