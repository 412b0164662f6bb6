import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { event, purchase, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze } from '@/test/fakes/braze/types';

describe('data point meter', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it.each([
    { name: 'one standard field', attributes: { first_name: 'Ada' }, points: 1 },
    { name: 'two custom attributes', attributes: { plan: 'pro', seats: 4 }, points: 2 },
    {
      name: 'free fields only',
      attributes: {
        country: 'US',
        language: 'en',
        email_subscribe: 'opted_in',
        push_subscribe: 'subscribed',
        subscription_groups: [{ subscription_group_id: 'g', subscription_state: 'subscribed' }],
        push_tokens: [{ app_id: 'a', token: 't' }],
      },
      points: 0,
    },
    { name: 'array add, one per value', attributes: { tags: { add: ['a', 'b', 'c'] } }, points: 3 },
    { name: 'whole array set', attributes: { tags: ['a', 'b', 'c'] }, points: 1 },
    { name: 'nested object, one per key', attributes: { address: { city: 'Oslo', zip: '0150' } }, points: 2 },
    { name: 'deeper nested keys count too', attributes: { address: { city: 'Oslo', geo: { lat: 1, lng: 2 } } }, points: 4 },
    { name: 'increment', attributes: { visits: { inc: 1 } }, points: 1 },
    { name: 'null removal', attributes: { plan: null }, points: 1 },
    { name: 'email set beside external_id', attributes: { email: 'ada@example.com' }, points: 1 },
    { name: 'current_location', attributes: { current_location: { latitude: 1, longitude: 2 } }, points: 1 },
    { name: 'control keys', attributes: { _update_existing_only: false, _merge_objects: true, plan: 'x' }, points: 1 },
  ])('$name → $points', async ({ attributes, points }) => {
    await track(fake, { attributes: [{ external_id: 'user-1', ...attributes }] });
    expect(fake.stats().dataPoints).toBe(points);
  });

  it('does not bill the email or alias that identifies the user', async () => {
    await track(fake, { attributes: [{ email: 'ada@example.com', first_name: 'Ada' }] });
    await track(fake, { attributes: [{ user_alias: { alias_name: 'a', alias_label: 'l' }, _update_existing_only: false, plan: 'x' }] });
    expect(fake.stats().dataPoints).toBe(2);
  });

  it('bills each event, and each unit of a purchase', async () => {
    await track(fake, { events: [event('a'), event('a')], purchases: [purchase({ quantity: 3 })] });
    expect(fake.stats().dataPoints).toBe(5);
  });

  it('bills unchanged values again', async () => {
    const body = { attributes: [{ external_id: 'user-1', plan: 'pro', tier: 2 }] };
    await track(fake, body);
    await track(fake, body);
    expect(fake.stats().dataPoints).toBe(4);
  });

  it('bills nothing for invalid objects or objects that update no one', async () => {
    await track(fake, {
      attributes: [{ external_id: 'ghost', _update_existing_only: true, plan: 'x' }, { plan: 'no identifier' }],
      events: [{ user_alias: { alias_name: 'nobody', alias_label: 'l' }, name: 'x', time: '2024-01-01' }],
    });
    expect(fake.stats().dataPoints).toBe(0);
  });
});
