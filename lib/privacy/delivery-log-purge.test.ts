import { describe, expect, it } from 'vitest';
import type { DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import { withoutUsers } from '@/lib/privacy/delivery-log-purge';

const entry = (body: DeliveryLogEntry['body'], errors: DeliveryLogEntry['errors'] = []): DeliveryLogEntry => ({ at: 1, status: 201, outcome: 'accepted', errors, body });

describe('withoutUsers', () => {
  it('keeps the other users\' objects, with Braze\'s errors re-indexed', () => {
    const before = entry(
      { events: [{ external_id: 'gone', name: 'a' }, { external_id: 'kept', name: 'b' }], attributes: [{ external_id: 'gone', plan: 'x' }] },
      [{ array: 'events', index: 0, reason: 'bad' }, { array: 'events', index: 1, reason: 'also bad' }],
    );
    expect(withoutUsers(before, new Set(['gone']))).toEqual(entry({ events: [{ external_id: 'kept', name: 'b' }] }, [{ array: 'events', index: 0, reason: 'also bad' }]));
  });

  it('matches aliases by name and drops an entry left empty', () => {
    expect(withoutUsers(entry({ events: [{ user_alias: { alias_name: 'gone', alias_label: 'crm' }, name: 'a' }] }), new Set(['gone']))).toBeNull();
  });

  it('keeps calls of other endpoints, which carry no user objects', () => {
    const call = { ...entry({}), endpoint: '/users/delete', call: { external_ids: '1 identifier(s)' } };
    expect(withoutUsers(call, new Set(['gone']))).toEqual(call);
  });
});
