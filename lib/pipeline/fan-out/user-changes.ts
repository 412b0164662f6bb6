/**
 * User forwarding: Amplitude user-property changes become Braze attribute operations, where Braze
 * has its own: `$add` → `inc`, `$append`/`$postInsert` → `add`, `$remove` → `remove`,
 * `$unset` → null. `$prepend`/`$preInsert` have no Braze counterpart and send the new full list.
 */
import type { UserPropertyChange } from '@/lib/amplitude';
import type { AttributeChange } from '@/lib/braze';

export function toAttributeChange(change: UserPropertyChange): AttributeChange {
  switch (change.op) {
    case 'set': return { key: change.key, op: 'set', value: change.value };
    case 'unset': return { key: change.key, op: 'unset' };
    case 'add': return { key: change.key, op: 'increment', delta: change.delta };
    case 'append':
    case 'post-insert': return { key: change.key, op: 'append', values: change.values };
    case 'prepend':
    case 'pre-insert': return { key: change.key, op: 'set', value: change.value };
    case 'remove': return { key: change.key, op: 'remove', values: change.values };
  }
}
