import type { FakeDeclaredAttribute, JsonObject } from '@/test/fakes/braze/types';

// What Braze does with a value sent to an attribute whose type is set in the dashboard (Braze
// "Managing custom data" FAQ): it converts a value it can ("100" → 100 for a number), and a value
// it cannot convert is ignored — the attribute is not updated, and the request still succeeds.
// Blocklisted attributes are not recorded at all. Removals (null) always apply.

type Converted = { ok: true; value: unknown } | { ok: false };

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([T ].*)?$/;

function convert(value: unknown, dataType: string): Converted {
  const type = dataType.toLowerCase();
  if (value === null) return { ok: true, value };
  switch (type) {
    case 'number': {
      if (typeof value === 'number') return { ok: true, value };
      if (typeof value === 'object' && value !== null && 'inc' in value) return { ok: true, value };
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      return value === 'true' || value === 'false' ? { ok: true, value: value === 'true' } : { ok: false };
    case 'string':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? { ok: true, value: String(value) } : { ok: false };
    case 'time':
    case 'date':
      return typeof value === 'string' && DATE_LIKE.test(value) && !Number.isNaN(Date.parse(value)) ? { ok: true, value } : { ok: false };
    case 'array':
      return Array.isArray(value) || (typeof value === 'object' && ('add' in value || 'remove' in value)) ? { ok: true, value } : { ok: false };
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) ? { ok: true, value } : { ok: false };
    default:
      return { ok: true, value };
  }
}

export type EnforcedAttributes = { attributes: JsonObject; ignored: { field: string; value: unknown; why: 'blocklisted' | 'type' }[] };

/** The attributes object as Braze applies it under the workspace's declared attributes. */
export function enforceDeclaredTypes(attributes: JsonObject, declared: ReadonlyMap<string, FakeDeclaredAttribute>): EnforcedAttributes {
  const ignored: EnforcedAttributes['ignored'] = [];
  const kept = Object.entries(attributes).flatMap(([field, value]): [string, unknown][] => {
    const attribute = declared.get(field);
    if (!attribute) return [[field, value]];
    if (attribute.status === 'Blocklisted') {
      ignored.push({ field, value, why: 'blocklisted' });
      return [];
    }
    const converted = convert(value, attribute.data_type);
    if (!converted.ok) {
      ignored.push({ field, value, why: 'type' });
      return [];
    }
    return [[field, converted.value]];
  });
  return { attributes: Object.fromEntries(kept), ignored };
}
