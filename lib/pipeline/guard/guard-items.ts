/**
 * The attribute type guard on a delivery job's objects, just before they go to Braze: with the
 * workspace's declared attributes when the key may read them, else with the first type this
 * sync sent per attribute. Only an offending attribute is taken out of its object; an object
 * left with nothing to write is not sent at all.
 */
import { guardAttributesObject, type AttributeRule, type GuardType } from '@/lib/braze/attribute-guard';
import { FirstTypes } from '@/lib/pipeline/guard/first-types';
import type { WorkspaceSchemas } from '@/lib/pipeline/guard/workspace-schema';
import type { DeliverItem } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';

/** One attribute held back, with the object it came from and its value. */
export type HeldBack = { item: DeliverItem; field: string; value: unknown; reason: string };

export type GuardOutcome = { items: DeliverItem[]; heldBack: HeldBack[] };

export type GuardItems = (sync: RuntimeSync, items: DeliverItem[]) => Promise<GuardOutcome>;

// What addresses or steers an object without writing anything to the profile (braze-api.md §2.4).
const ADDRESSING = new Set(['external_id', 'braze_id', 'user_alias', '_update_existing_only', '_merge_objects', 'push_token_import']);

function writesSomething(object: Record<string, unknown>): boolean {
  const identifiedOtherwise = Object.keys(object).some((k) => k === 'external_id' || k === 'braze_id' || k === 'user_alias');
  return Object.keys(object).some((k) => !ADDRESSING.has(k) && (identifiedOtherwise || (k !== 'email' && k !== 'phone')));
}

/** The object's identifier fields, to say whose attribute a held-back value was. */
export function addressOf(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([k]) => ADDRESSING.has(k) || k === 'email' || k === 'phone'));
}

function customNames(items: readonly DeliverItem[]): string[] {
  return items.flatMap((i) => (i.kind === 'attributes' ? Object.keys(i.object) : []));
}

function withoutFields(set: Record<string, string>, fields: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(set).filter(([k]) => !fields.has(k)));
}

export function createAttributeGuard(schemas: Pick<WorkspaceSchemas, 'load'>, options: { rememberFirstTypes: boolean }): GuardItems {
  const firstTypes = new FirstTypes();
  return async (sync, items) => {
    if (!items.some((i) => i.kind === 'attributes')) return { items, heldBack: [] };
    const schema = await schemas.load(sync);
    const stored = schema.mode === 'first_type' ? await firstTypes.load(sync.id, customNames(items)) : new Map<string, AttributeRule>();
    // First types of this job count for its later objects too, before they are stored.
    const learned = new Map<string, AttributeRule>();
    const ruleOf = schema.mode === 'declared' ? (f: string) => schema.rules.get(f) : (f: string) => stored.get(f) ?? learned.get(f);
    const sentFirst: { field: string; type: GuardType }[] = [];
    const out: GuardOutcome = { items: [], heldBack: [] };
    for (const item of items) {
      if (item.kind !== 'attributes') {
        out.items.push(item);
        continue;
      }
      const guarded = guardAttributesObject(item.object, ruleOf);
      if (schema.mode === 'first_type') {
        for (const first of guarded.firstTypes) {
          learned.set(first.field, { type: first.type, arrayLength: null, blocklisted: false, source: 'first_type' });
          sentFirst.push(first);
        }
      }
      for (const h of guarded.heldBack) out.heldBack.push({ item, field: h.field, value: item.object[h.field], reason: h.reason });
      const held = new Set(guarded.heldBack.map((h) => h.field));
      if (held.size > 0 && !writesSomething(guarded.object)) continue;
      const remember = item.remember && { ...item.remember, set: withoutFields(item.remember.set, held) };
      out.items.push({ ...item, object: guarded.object, ...(remember ? { remember } : {}) });
    }
    if (options.rememberFirstTypes) await firstTypes.record(sync.id, sentFirst);
    return out;
  };
}

/**
 * Held-back attributes as delivery failures: each a dead letter holding the user's identifier
 * and that one attribute, so the dashboard shows whose value it was and a replay (once the
 * attribute's type is fixed in Braze) sends just it. A replayed letter held back again keeps its
 * letter, which records the new reason.
 */
export function heldBackFailures(heldBack: readonly HeldBack[]): { item: DeliverItem; reason: string }[] {
  return heldBack.map((h) => {
    const { remember: _cache, ...item } = h.item;
    const object = { ...addressOf(h.item.object), ...Object.fromEntries([[h.field, h.value]]) };
    return { item: { ...item, object }, reason: `Held back from Braze: ${h.reason}` };
  });
}
