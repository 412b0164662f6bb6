/**
 * What one user-property operation did, in terms a destination can replay with its own
 * operations where it has one (e.g. Braze increments, array add/remove) and with a plain set of
 * the new full `value` where it has none (e.g. prepend).
 */
export type UserPropertyChange =
  /** `$set`, `$setOnce` or a plain key. */
  | { key: string; op: 'set'; value: unknown }
  | { key: string; op: 'unset' }
  /** `$add`: numeric increment by `delta`; `value` is the new total. */
  | { key: string; op: 'add'; delta: number; value: number }
  /** `values` are the items actually added (for the inserts, those not already present); `value` is the new list. */
  | { key: string; op: 'append' | 'prepend' | 'pre-insert' | 'post-insert'; values: unknown[]; value: unknown[] }
  /** `values` are the items asked to be removed; `value` is what is left (undefined when the property is absent). */
  | { key: string; op: 'remove'; values: unknown[]; value: unknown };

export interface UserPropertyUpdate {
  next: Record<string, unknown>;
  changes: UserPropertyChange[];
}
