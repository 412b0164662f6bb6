import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { callFake, event, purchase, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze, ProfileSnapshot } from '@/test/fakes/braze/types';

const ALIAS = { alias_name: 'anon-42', alias_label: 'amplitude_device_id' };

describe('profile state from /users/track', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  const profileOf = (externalId: string): ProfileSnapshot | undefined =>
    fake.profiles().find((profile) => profile.external_id === externalId);

  describe('_update_existing_only for aliases', () => {
    it('creates no profile from alias attributes without an explicit false', async () => {
      const result = await track(fake, { attributes: [{ user_alias: ALIAS, plan: 'free' }] });
      expect(result.body).toEqual({ message: 'success', attributes_processed: 1 });
      expect(fake.profiles()).toEqual([]);
      expect(fake.attributes()[0]?.applied).toBe(false);
    });

    it('creates an alias-only profile with _update_existing_only false', async () => {
      await track(fake, { attributes: [{ user_alias: ALIAS, _update_existing_only: false, plan: 'free' }] });
      expect(fake.profiles()).toEqual([
        expect.objectContaining({ user_aliases: [ALIAS], custom_attributes: { plan: 'free' } }),
      ]);
      expect(fake.profiles()[0]?.external_id).toBeUndefined();
    });

    it('updates only existing profiles from alias events, even with false', async () => {
      await track(fake, { events: [{ user_alias: ALIAS, name: 'opened', time: '2024-01-01', _update_existing_only: false }] });
      expect(fake.profiles()).toEqual([]);
      expect(fake.events()[0]?.applied).toBe(false);
      await track(fake, { attributes: [{ user_alias: ALIAS, _update_existing_only: false }] });
      await track(fake, { events: [{ user_alias: ALIAS, name: 'opened', time: '2024-01-01' }] });
      expect(fake.profiles()[0]?.custom_events).toEqual([
        { name: 'opened', first: '2024-01-01T00:00:00.000Z', last: '2024-01-01T00:00:00.000Z', count: 1 },
      ]);
    });

    it('matches alias names case-sensitively', async () => {
      await track(fake, { attributes: [{ user_alias: ALIAS, _update_existing_only: false }] });
      await track(fake, { events: [{ user_alias: { ...ALIAS, alias_name: 'ANON-42' }, name: 'opened', time: '2024-01-01' }] });
      expect(fake.events()[0]?.applied).toBe(false);
    });
  });

  it('creates profiles for external_id unless update-only is asked for', async () => {
    await track(fake, {
      attributes: [{ external_id: 'new', plan: 'pro' }, { external_id: 'ghost', _update_existing_only: true, plan: 'pro' }],
      events: [event('opened', { external_id: 'events-only' })],
    });
    expect(fake.profiles().map((profile) => profile.external_id).sort()).toEqual(['events-only', 'new']);
  });

  it('updates by braze_id only a profile that exists', async () => {
    await track(fake, { attributes: [{ external_id: 'user-1', plan: 'pro' }] });
    const brazeId = profileOf('user-1')?.braze_id;
    expect(brazeId).toMatch(/^[0-9a-f]{24}$/);
    await track(fake, { attributes: [{ braze_id: brazeId, plan: 'max' }, { braze_id: 'f'.repeat(24), plan: 'x' }] });
    expect(fake.profiles()).toHaveLength(1);
    expect(profileOf('user-1')?.custom_attributes).toEqual({ plan: 'max' });
  });

  it('creates an email-only profile, and prefers email over phone', async () => {
    await track(fake, { attributes: [{ email: 'ada@example.com', phone: '+15555550100', first_name: 'Ada' }] });
    const [profile] = fake.profiles();
    expect(profile).toMatchObject({ email: 'ada@example.com', first_name: 'Ada', user_aliases: [] });
    expect(profile?.external_id).toBeUndefined();
    await track(fake, { attributes: [{ phone: '+15555550100', last_name: 'Lovelace' }] });
    expect(fake.profiles()).toHaveLength(1);
  });

  it('resolves a shared email to the profile with an external_id', async () => {
    await track(fake, { attributes: [{ external_id: 'known', email: 'shared@example.com' }] });
    await track(fake, { attributes: [{ external_id: 'other', plan: 'x' }] });
    await track(fake, { events: [{ email: 'shared@example.com', name: 'opened', time: '2024-01-01' }] });
    expect(profileOf('known')?.custom_events).toHaveLength(1);
  });

  it('applies set, null, inc, add and remove', async () => {
    const update = (attributes: Record<string, unknown>) => track(fake, { attributes: [{ external_id: 'user-1', ...attributes }] });
    await update({ plan: 'pro', visits: { inc: 2 }, tags: ['a', 'b', 'c'] });
    await update({ plan: null, visits: { inc: -5 }, tags: { add: ['a', 'd'] } });
    await update({ tags: { remove: ['b'] } });
    expect(profileOf('user-1')?.custom_attributes).toEqual({ visits: -3, tags: ['c', 'a', 'd'] });
  });

  it('keeps the newest 500 values of an array', async () => {
    const values = Array.from({ length: 501 }, (_, i) => `v${i}`);
    await track(fake, { attributes: [{ external_id: 'user-1', seen: { add: values } }] });
    const seen = profileOf('user-1')?.custom_attributes.seen as string[];
    expect(seen).toHaveLength(500);
    expect(seen[0]).toBe('v1');
  });

  it('replaces nested objects unless _merge_objects is set', async () => {
    await track(fake, { attributes: [{ external_id: 'user-1', car: { make: 'Volvo', specs: { doors: 4 } } }] });
    await track(fake, { attributes: [{ external_id: 'user-1', car: { specs: { seats: 5 } }, _merge_objects: true }] });
    expect(profileOf('user-1')?.custom_attributes.car).toEqual({ make: 'Volvo', specs: { doors: 4, seats: 5 } });
    await track(fake, { attributes: [{ external_id: 'user-1', car: { make: 'Saab' } }] });
    expect(profileOf('user-1')?.custom_attributes.car).toEqual({ make: 'Saab' });
  });

  it('runs $add, then $remove, then $update on arrays of objects', async () => {
    await track(fake, { attributes: [{ external_id: 'user-1', pets: [{ id: 1, name: 'Rex' }, { id: 2, name: 'Tom' }] }] });
    await track(fake, {
      attributes: [
        {
          external_id: 'user-1',
          _merge_objects: true,
          pets: {
            $add: [{ id: 3, name: 'Kit' }],
            $remove: [{ $identifier_key: 'id', $identifier_value: 2 }],
            $update: [{ $identifier_key: 'id', $identifier_value: 3, $new_object: { age: 1 } }],
          },
        },
      ],
    });
    expect(profileOf('user-1')?.custom_attributes.pets).toEqual([
      { id: 1, name: 'Rex' },
      { id: 3, name: 'Kit', age: 1 },
    ]);
  });

  it('does not let a later change alter the recorded request body', async () => {
    const car = { make: 'Volvo', specs: { doors: 4 } };
    await track(fake, { attributes: [{ external_id: 'user-1', car }] });
    await track(fake, { attributes: [{ external_id: 'user-1', car: { specs: { seats: 5 } }, _merge_objects: true }] });
    expect(fake.attributes()[0]?.object.car).toEqual(car);
  });

  it('appends events without deduplication, attributes first, future times clamped to now', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const before = Date.now();
    await track(fake, {
      events: [event('opened', { time: '2024-01-01T00:00:00Z' }), event('opened', { time: '2024-01-01T00:00:00Z' }), event('opened', { time: future })],
      purchases: [purchase({ quantity: 2 }), purchase()],
      attributes: [{ external_id: 'user-1', plan: 'pro' }],
    });
    const profile = profileOf('user-1');
    expect(profile?.custom_events[0]).toMatchObject({ name: 'opened', first: '2024-01-01T00:00:00.000Z', count: 3 });
    const last = Date.parse(profile?.custom_events[0]?.last ?? '');
    expect(last).toBeGreaterThanOrEqual(before - 1000);
    expect(last).toBeLessThanOrEqual(Date.now());
    expect(profile?.purchases).toEqual([expect.objectContaining({ name: 'sku-1', count: 3 })]);
    expect(fake.events()).toHaveLength(3);
  });

  it('answers /users/track/sync with the user state after processing', async () => {
    const first = await callFake(fake, '/users/track/sync', { attributes: [{ external_id: 'user-1', plan: 'pro', visits: { inc: 1 } }] });
    expect(first).toMatchObject({ status: 201, body: { message: 'success', users: [{ external_id: 'user-1', custom_attributes: { plan: 'pro', visits: 1 } }] } });
    await callFake(fake, '/users/track/sync', { events: [event('opened')] });
    const second = await callFake(fake, '/users/track/sync', { events: [event('opened')] });
    expect(second.body).toEqual({
      message: 'success',
      users: [{ external_id: 'user-1', custom_events: [{ name: 'opened', first: '2024-05-01T12:00:00.000Z', last: '2024-05-01T12:00:00.000Z', count: 2 }] }],
    });
    const skipped = await callFake(fake, '/users/track/sync', { attributes: [{ user_alias: ALIAS, plan: 'x' }] });
    expect(skipped.body).toEqual({ message: 'success', users: [] });
    const invalid = await callFake(fake, '/users/track/sync', { events: [event('x', { time: 'bad' })] });
    expect(invalid.status).toBe(400);
  });
});
