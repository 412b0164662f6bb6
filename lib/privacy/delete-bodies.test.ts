import { describe, expect, it } from 'vitest';
import { buildDeleteBodies } from '@/lib/privacy/delete-bodies';

const users = (n: number, properties: Record<string, unknown> = {}) => Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, properties }));

describe('buildDeleteBodies', () => {
  it('sends external ids in bodies of at most 50', () => {
    const { bodies, unmapped } = buildDeleteBodies({ property: 'user_id', type: 'external_id' }, users(101));
    expect(bodies.map((b) => ('external_ids' in b ? b.external_ids.length : 0))).toEqual([50, 50, 1]);
    expect(unmapped).toEqual([]);
  });

  it.each([
    ['braze_id', { property: 'bid', type: 'braze_id' as const }, { bid: 'b-1' }, { braze_ids: ['b-1'] }],
    ['user alias', { property: 'crm', type: 'user_alias' as const, aliasLabel: 'crm_id' }, { crm: 'c-1' }, { user_aliases: [{ alias_name: 'c-1', alias_label: 'crm_id' }] }],
    ['email', { property: 'email', type: 'email' as const }, { email: 'a@example.com' }, { email_addresses: [{ email: 'a@example.com', prioritization: ['most_recently_updated'] }] }],
  ])('reads the %s from the stored profile', (_name, mapping, properties, body) => {
    expect(buildDeleteBodies(mapping, [{ userId: 'u1', properties }]).bodies).toEqual([body]);
  });

  it('names users the mapping gives no identifier, and sends nothing for them', () => {
    expect(buildDeleteBodies({ property: 'email', type: 'email' }, users(2))).toEqual({ bodies: [], unmapped: ['u0', 'u1'] });
  });

  it('sends each identifier once', () => {
    const result = buildDeleteBodies({ property: 'email', type: 'email' }, users(3, { email: 'same@example.com' }));
    expect(result.bodies).toHaveLength(1);
    expect('email_addresses' in result.bodies[0]! && result.bodies[0].email_addresses).toHaveLength(1);
  });
});
