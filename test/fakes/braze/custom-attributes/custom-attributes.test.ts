import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { callFake, event, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze } from '@/test/fakes/braze/types';

const GROUP = '3f1c2a4e-8b7d-4c21-9e0f-5a6b7c8d9e01';

describe('GET /custom_attributes, declared types, subscription fields, per-key object limit', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze({
      keys: [{ key: 'fake-rest-api-key' }, { key: 'no-export', permissions: ['users.track'] }, { key: 'mau', objectLimitMode: 'mau50' }],
    });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.setDeclaredAttributes([
      { name: 'age', data_type: 'Number' },
      { name: 'vip', data_type: 'Boolean' },
      { name: 'secret', data_type: 'String', status: 'Blocklisted' },
    ]);
  });

  it('lists declared attributes, 50 a page, with the next cursor in a Link header; needs custom_attributes.get', async () => {
    fake.setDeclaredAttributes(Array.from({ length: 60 }, (_, i) => ({ name: `a${String(i).padStart(2, '0')}`, data_type: 'String' })));
    const first = await callFake(fake, '/custom_attributes', undefined, { method: 'GET' });
    expect(first.status).toBe(200);
    expect((first.body as { attributes: unknown[] }).attributes).toHaveLength(50);
    expect((first.body as { attributes: { name: string }[] }).attributes[0]).toEqual({
      array_length: null, data_type: 'String', description: null, name: 'a00', status: 'Active', tag_names: [],
    });
    const next = /<[^>]*\/custom_attributes\?cursor=([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBe(Buffer.from('skip:50').toString('base64'));
    const second = await callFake(fake, `/custom_attributes?cursor=${next}`, undefined, { method: 'GET' });
    expect((second.body as { attributes: unknown[] }).attributes).toHaveLength(10);
    expect(second.headers.get('link')).not.toContain('rel="next"');
    expect((await callFake(fake, '/custom_attributes', undefined, { method: 'GET', key: 'no-export' })).status).toBe(403);
    expect((await callFake(fake, '/custom_attributes', {})).status).toBe(404);
  });

  it('applies a declared type as Braze does: converts what it can, ignores the rest and blocklisted attributes, still 201', async () => {
    const answer = await track(fake, { attributes: [{ external_id: 'u1', age: '42', vip: 'maybe', secret: 's', mood: 'ok' }] });
    expect(answer.status).toBe(201);
    expect(fake.profiles()[0]!.custom_attributes).toEqual({ age: 42, mood: 'ok' });
  });

  it.each([
    [{ email_subscribe: 'yes' }, "'email_subscribe' is not valid"],
    [{ push_subscribe: true }, "'push_subscribe' is not valid"],
    [{ subscription_groups: [{ subscription_group_id: GROUP, subscription_state: 'opted_in' }] }, "'subscription_groups' is not valid"],
    [{ subscription_groups: { subscription_group_id: GROUP } }, "'subscription_groups' is not valid"],
  ])('refuses %j with a minor error for that object', async (fields, type) => {
    const answer = await track(fake, { attributes: [{ external_id: 'u1', ...fields }, { external_id: 'u2', plan: 'pro' }] });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ attributes_processed: 1, errors: [{ type, input_array: 'attributes', index: 0 }] });
  });

  it('takes valid subscription fields', async () => {
    const fields = { email_subscribe: 'opted_in', push_subscribe: 'unsubscribed', subscription_groups: [{ subscription_group_id: GROUP, subscription_state: 'subscribed' }] };
    const answer = await track(fake, { attributes: [{ external_id: 'u1', ...fields }] });
    expect(answer.body).toEqual({ message: 'success', attributes_processed: 1 });
  });

  it("holds a key's workspace to its own object limit", async () => {
    const events = Array.from({ length: 51 }, (_, i) => event(`e${i}`));
    expect((await callFake(fake, '/users/track', { events }, { key: 'mau' })).status).toBe(400);
    expect((await track(fake, { events })).status).toBe(201);
  });
});
