import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { event, getAdmin, postAdmin, purchase, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze } from '@/test/fakes/braze/types';

describe('admin API under /_fake/', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('reads back requests, accepted objects, stats and profiles', async () => {
    await track(fake, {
      attributes: [{ external_id: 'user-1', plan: 'pro' }],
      events: [event('opened'), event('closed')],
      purchases: [purchase()],
    });
    const requests = await getAdmin(fake, 'requests');
    expect(requests.body).toEqual([expect.objectContaining({ path: '/users/track', status: 201, apiKey: 'fake-rest-api-key' })]);
    const events = await getAdmin(fake, 'events');
    expect(events.body).toEqual([
      expect.objectContaining({ index: 0, applied: true, object: expect.objectContaining({ name: 'opened' }) }),
      expect.objectContaining({ index: 1, object: expect.objectContaining({ name: 'closed' }) }),
    ]);
    expect((await getAdmin(fake, 'events?limit=1')).body).toEqual([expect.objectContaining({ index: 1 })]);
    expect((await getAdmin(fake, 'attributes')).body).toEqual([expect.objectContaining({ object: { external_id: 'user-1', plan: 'pro' } })]);
    expect((await getAdmin(fake, 'purchases')).body).toHaveLength(1);
    expect((await getAdmin(fake, 'stats')).body).toEqual({
      requests: 1,
      byStatus: { 201: 1 },
      eventsAccepted: 2,
      attributesAccepted: 1,
      purchasesAccepted: 1,
      rateLimited: 0,
      dataPoints: 4,
    });
    expect((await getAdmin(fake, 'profiles')).body).toEqual([
      expect.objectContaining({ external_id: 'user-1', custom_attributes: { plan: 'pro' } }),
    ]);
  });

  it('does not record, rate limit or fault its own calls', async () => {
    await getAdmin(fake, 'stats');
    await postAdmin(fake, 'faults', [{ status: 500 }]);
    await getAdmin(fake, 'requests');
    expect(fake.stats().requests).toBe(0);
    expect((await getAdmin(fake, 'faults')).body).toEqual([{ status: 500, count: 1 }]);
  });

  it('injects faults, including an endless timeout written as "Infinity"', async () => {
    const accepted = await postAdmin(fake, 'faults', [{ status: 503, count: 2 }, { queued: true }, { timeoutMs: 'Infinity' }]);
    expect(accepted.status).toBe(200);
    expect((await track(fake, { events: [event('a')] })).status).toBe(503);
    expect((await getAdmin(fake, 'faults')).body).toEqual([
      { status: 503, count: 1 },
      { queued: true, count: 1 },
      { timeoutMs: 'Infinity', count: 1 },
    ]);
  });

  it('replaces the keys', async () => {
    expect((await postAdmin(fake, 'keys', [{ key: 'new-key', permissions: ['users.track'] }])).status).toBe(200);
    try {
      expect((await track(fake, { events: [event('a')] })).status).toBe(401);
      expect((await track(fake, { events: [event('a')] }, { key: 'new-key' })).status).toBe(201);
    } finally {
      fake.setKeys([{ key: 'fake-rest-api-key' }]);
    }
  });

  it('sets the rate limit', async () => {
    expect((await postAdmin(fake, 'rate-limit', { limit: 1, windowMs: 60_000 })).status).toBe(200);
    try {
      expect((await track(fake, { events: [event('a')] })).status).toBe(201);
      expect((await track(fake, { events: [event('a')] })).status).toBe(429);
    } finally {
      fake.setRateLimit({ limit: 3000, windowMs: 3000 });
    }
  });

  it('sets the object limit mode', async () => {
    const events = Array.from({ length: 60 }, (_, i) => event(`e${i}`));
    expect((await track(fake, { events })).status).toBe(201);
    expect((await postAdmin(fake, 'object-limit-mode', { mode: 'mau50' })).status).toBe(200);
    try {
      expect((await track(fake, { events })).status).toBe(400);
    } finally {
      fake.setObjectLimitMode('combined75');
    }
  });

  it('resets recorded data, profiles, faults and counters', async () => {
    await track(fake, { events: [event('a')] });
    await postAdmin(fake, 'faults', [{ status: 500 }]);
    expect((await postAdmin(fake, 'reset')).status).toBe(200);
    expect((await getAdmin(fake, 'requests')).body).toEqual([]);
    expect((await getAdmin(fake, 'profiles')).body).toEqual([]);
    expect((await getAdmin(fake, 'faults')).body).toEqual([]);
    expect((await getAdmin(fake, 'stats')).body).toMatchObject({ requests: 0, eventsAccepted: 0 });
    expect((await track(fake, { events: [event('a')] })).status).toBe(201);
  });

  it.each([
    { route: 'faults', body: [{ status: 418 }] },
    { route: 'faults', body: { status: 500 } },
    { route: 'faults', body: [{ status: 500, count: 0 }] },
    { route: 'faults', body: [{ timeoutMs: -1 }] },
    { route: 'keys', body: [{ key: '' }] },
    { route: 'keys', body: [{ key: 'k', otherCluster: 'yes' }] },
    { route: 'rate-limit', body: { limit: 10 } },
    { route: 'rate-limit', body: { limit: 10, windowMs: 0 } },
    { route: 'object-limit-mode', body: { mode: 'unlimited' } },
  ])('answers 400 to a bad $route body $body', async ({ route, body }) => {
    const result = await postAdmin(fake, route, body);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ message: expect.stringMatching(/^Invalid body: /) });
  });

  it('answers 400 to admin bodies that are not JSON', async () => {
    const response = await fetch(`${fake.url}/_fake/faults`, { method: 'POST', body: '[{' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: expect.stringMatching(/^Invalid JSON/) });
  });

  it('answers 404 to unknown admin routes and wrong methods', async () => {
    expect((await getAdmin(fake, 'nothing')).status).toBe(404);
    expect((await postAdmin(fake, 'stats', {})).status).toBe(404);
  });
});
