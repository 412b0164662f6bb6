import { checkArrayOperation, checkAttributeValue } from '@/lib/braze/attribute-rules';
import { dropped } from '@/lib/braze/issues';
import { findStandardAttribute, normaliseStandardValue } from '@/lib/braze/standard-attributes';
import type { BrazeAttributesObject, BrazeIdentifier, JsonValue, PropertyIssue } from '@/lib/braze/types';

/** One user-property change, in the order the source applied them. */
export type AttributeChange = {
  key: string;
  op: 'set' | 'unset' | 'increment' | 'append' | 'remove';
  value?: unknown;
  delta?: number;
  values?: unknown[];
};

export type BuildAttributesOptions = {
  /** "Update Users Only": never create profiles (braze-api.md §2.3). */
  updateUsersOnly: boolean;
};

export type BuiltAttributes = {
  attributes: BrazeAttributesObject;
  /** Braze fields written, in order; empty when every change was dropped. */
  fields: string[];
  issues: PropertyIssue[];
};

// Keys that steer the object rather than describe the user (§2.4). A user property with one of
// these names would retarget or reconfigure the update, so it is never written as an attribute.
const CONTROL_KEYS: ReadonlySet<string> = new Set([
  'external_id', 'braze_id', 'user_alias', '_update_existing_only', '_merge_objects', 'push_token_import',
]);

type Written = { ok: true; value: JsonValue; issue?: PropertyIssue } | { ok: false; issue: PropertyIssue };

function convertChange(change: AttributeChange, field: string, isStandard: boolean): Written {
  const { key, op } = change;
  if (op === 'unset') return { ok: true, value: null }; // null removes the attribute (§2.4)
  if (isStandard && op !== 'set') {
    return { ok: false, issue: dropped(key, 'invalid_operation', `Braze standard field "${field}" can only be set or removed`) };
  }
  if (op === 'increment') {
    if (typeof change.delta === 'number' && Number.isFinite(change.delta)) return { ok: true, value: { inc: change.delta } };
    return { ok: false, issue: dropped(key, 'invalid_operation', 'increment needs a finite number') };
  }
  if (op === 'append' || op === 'remove') {
    const brazeOp = op === 'append' ? 'add' : 'remove';
    const checked = checkArrayOperation(key, brazeOp, change.values);
    if (!checked.ok) return checked;
    return { ok: true, value: { [brazeOp]: checked.values }, ...(checked.issue ? { issue: checked.issue } : {}) };
  }
  const checked = checkAttributeValue(key, change.value);
  if (!checked.ok || !isStandard) return checked;
  const standard = normaliseStandardValue(field, checked.value);
  return standard.ok ? standard : { ok: false, issue: dropped(key, 'invalid_standard_value', standard.detail) };
}

/**
 * A Braze attributes object (braze-api.md §2.4–2.5) for one user's changes: `unset` → null,
 * `increment` → `{inc}`, `append` → `{add}`, `remove` → `{remove}`; known Amplitude names go to
 * Braze standard fields (see `standard-attributes.ts`). Two changes landing on the same Braze
 * field keep the later one, as the source applied them in order; the earlier is reported.
 */
export function buildBrazeAttributes(
  identifier: BrazeIdentifier,
  changes: readonly AttributeChange[],
  options: BuildAttributesOptions,
): BuiltAttributes {
  const issues: PropertyIssue[] = [];
  const written = new Map<string, { key: string; value: JsonValue }>();
  for (const change of changes) {
    const standardField = findStandardAttribute(change.key);
    const field = standardField ?? change.key;
    if (change.key === '') {
      issues.push(dropped(change.key, 'empty_key', 'attribute names must be non-empty'));
      continue;
    }
    if (CONTROL_KEYS.has(field) || Object.hasOwn(identifier, field)) {
      issues.push(dropped(change.key, 'reserved_key', `"${field}" identifies or configures the Braze object; it is not written as an attribute`));
      continue;
    }
    const result = convertChange(change, field, standardField !== undefined);
    if (!result.ok) {
      issues.push(result.issue);
      continue;
    }
    if (result.issue) issues.push(result.issue);
    const earlier = written.get(field);
    if (earlier) issues.push(dropped(earlier.key, 'name_collision', `replaced by a later change to Braze field "${field}"`));
    written.set(field, { key: change.key, value: result.value });
  }
  const fields = [...written.keys()];
  const attributes: BrazeAttributesObject = {
    ...identifier,
    ...Object.fromEntries([...written].map(([field, { value }]) => [field, value])),
  };
  const updateExistingOnly = updateExistingOnlyFlag(identifier, options);
  if (updateExistingOnly !== undefined) attributes._update_existing_only = updateExistingOnly;
  return { attributes, fields, issues };
}

// Update Users Only → true. Otherwise a user alias needs an explicit false, or Braze treats the
// object as update-only and never creates the alias-only profile (§2.3). For other identifiers
// false is Braze's default, so the flag is left out.
function updateExistingOnlyFlag(identifier: BrazeIdentifier, options: BuildAttributesOptions): boolean | undefined {
  if (options.updateUsersOnly) return true;
  return 'user_alias' in identifier ? false : undefined;
}
