import { describe, expect, it } from 'vitest';
import { buildSubscriptionFields, subscriptionMappingSchema } from '@/lib/braze/subscriptions';

const GROUP = '3f1c2a4e-8b7d-4c21-9e0f-5a6b7c8d9e01';
const mapping = subscriptionMappingSchema.parse({ emailSubscribe: 'newsletter', pushSubscribe: 'push', groups: [{ property: 'weekly', groupId: GROUP }] });
const set = (key: string, value: unknown) => ({ key, op: 'set', value });

describe('buildSubscriptionFields', () => {
  it.each<[unknown, string]>([
    ['opted_in', 'opted_in'], [' Subscribed ', 'subscribed'], ['UNSUBSCRIBED', 'unsubscribed'], [true, 'opted_in'], [false, 'unsubscribed'], ['true', 'opted_in'],
  ])('email %j → %s', (value, state) => {
    expect(buildSubscriptionFields(mapping, [set('newsletter', value)])).toEqual({ fields: { email_subscribe: state }, heldBack: [] });
  });

  it('maps groups, subscribed or unsubscribed only', () => {
    const built = buildSubscriptionFields(mapping, [set('weekly', true)]);
    expect(built.fields).toEqual({ subscription_groups: [{ subscription_group_id: GROUP, subscription_state: 'subscribed' }] });
    const refused = buildSubscriptionFields(mapping, [set('weekly', 'opted_in')]);
    expect(refused).toEqual({ fields: {}, heldBack: [{ field: `subscription_groups[${GROUP}]`, property: 'weekly', reason: expect.stringContaining('not "opted_in"') }] });
  });

  it('holds back only the refused field; the last change of a property wins; a removal is reported', () => {
    const built = buildSubscriptionFields(mapping, [set('newsletter', 'maybe'), set('newsletter', 'subscribed'), set('push', 3), { key: 'weekly', op: 'unset' }]);
    expect(built.fields).toEqual({ email_subscribe: 'subscribed' });
    expect(built.heldBack.map((h) => h.field)).toEqual(['push_subscribe', `subscription_groups[${GROUP}]`]);
  });

  it('sends nothing for properties it does not map', () => {
    expect(buildSubscriptionFields(mapping, [set('plan', 'pro')])).toEqual({ fields: {}, heldBack: [] });
  });
});

describe('subscriptionMappingSchema', () => {
  it('refuses a group id that is not a UUID, and a group mapped twice', () => {
    expect(subscriptionMappingSchema.safeParse({ groups: [{ property: 'w', groupId: 'weekly' }] }).success).toBe(false);
    const twice = { groups: [{ property: 'a', groupId: GROUP }, { property: 'b', groupId: GROUP.toUpperCase() }] };
    expect(subscriptionMappingSchema.safeParse(twice).success).toBe(false);
  });

  it('reads blank properties as none', () => {
    expect(subscriptionMappingSchema.parse({ emailSubscribe: '', pushSubscribe: ' ' })).toEqual({ emailSubscribe: undefined, pushSubscribe: undefined, groups: [] });
  });
});
