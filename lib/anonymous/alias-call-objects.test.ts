import { describe, expect, it } from 'vitest';
import type { DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import { withoutUsers } from '@/lib/privacy/delivery-log-purge';
import { aliasCallObjectsOf } from '@/lib/anonymous/alias-call-objects';

const alias = { alias_name: 'device-1', alias_label: 'amplitude_device_id' };
const logged = (endpoint: string, call: Record<string, unknown>): DeliveryLogEntry => ({ at: 1, status: 201, outcome: 'accepted', errors: [], body: {}, endpoint, call });

describe('identify and merge calls in the delivery log', () => {
  it.each([
    ['/users/identify', { aliases_to_identify: [{ external_id: 'ada', user_alias: alias }] }],
    ['/users/merge', { merge_updates: [{ identifier_to_merge: { user_alias: alias }, identifier_to_keep: { external_id: 'ada' } }] }],
  ])('%s names the user and the alias', (_endpoint, call) => {
    expect(aliasCallObjectsOf(call)).toEqual(expect.arrayContaining([{ external_id: 'ada' }, { user_alias: alias }]));
  });

  it('names nobody for other calls', () => {
    expect(aliasCallObjectsOf({ external_ids: '1 identifier(s)' })).toEqual([]);
    expect(aliasCallObjectsOf(undefined)).toEqual([]);
  });

  it("goes whole when the user is deleted, and stays for another user's deletion", () => {
    const call = logged('/users/identify', { aliases_to_identify: [{ external_id: 'ada', user_alias: alias }] });
    expect(withoutUsers(call, new Set(['ada']))).toBeNull();
    expect(withoutUsers(call, new Set(['bo']))).toEqual(call);
  });
});
