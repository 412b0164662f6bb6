import { describe, expect, it } from 'vitest';
import { groupUpdatesOf } from '@/lib/groups/group-profile-store';

describe('groupUpdatesOf', () => {
  it('makes one update per group a $groupidentify event names, and ignores everything else', () => {
    const props = { $set: { plan: 'pro' } };
    expect(
      groupUpdatesOf([
        { event_type: '$groupidentify', groups: { org: '1', team: ['a', 'b', 3, ''] }, group_properties: props },
        { event_type: '$groupidentify', groups: { org: '2' }, group_properties: {} },
        { event_type: '$identify', groups: { org: '3' }, group_properties: props },
        { event_type: 'Viewed', groups: { org: '4' } },
      ]),
    ).toEqual([
      { groupType: 'org', groupValue: '1', groupProperties: props },
      { groupType: 'team', groupValue: 'a', groupProperties: props },
      { groupType: 'team', groupValue: 'b', groupProperties: props },
    ]);
  });

  it('skips a group whose key is too long to store (it would fail the whole job)', () => {
    const props = { plan: 'pro' };
    expect(groupUpdatesOf([{ event_type: '$groupidentify', groups: { org: 'é'.repeat(1024), team: 'a' }, group_properties: props }])).toEqual([
      { groupType: 'team', groupValue: 'a', groupProperties: props },
    ]);
  });
});
