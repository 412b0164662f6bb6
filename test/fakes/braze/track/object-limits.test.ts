import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { callFake, event, purchase, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze, ObjectLimitMode } from '@/test/fakes/braze/types';

function attributes(n: number) {
  return Array.from({ length: n }, (_, i) => ({ external_id: `user-${i}`, plan: 'pro' }));
}

function body(counts: { attributes: number; events: number; purchases: number }) {
  return {
    attributes: attributes(counts.attributes),
    events: Array.from({ length: counts.events }, (_, i) => event(`e${i}`)),
    purchases: Array.from({ length: counts.purchases }, () => purchase()),
  };
}

const TOO_MANY = { message: 'Max Input Length Exceeded' };

describe('object limits per mode', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze();
  });
  afterAll(() => fake.close());

  it.each<{ mode: ObjectLimitMode; counts: { attributes: number; events: number; purchases: number }; status: number }>([
    { mode: 'combined75', counts: { attributes: 25, events: 25, purchases: 25 }, status: 201 },
    { mode: 'combined75', counts: { attributes: 25, events: 26, purchases: 25 }, status: 400 },
    { mode: 'combined75', counts: { attributes: 0, events: 75, purchases: 0 }, status: 201 },
    { mode: 'combined75', counts: { attributes: 0, events: 76, purchases: 0 }, status: 400 },
    { mode: 'legacy75each', counts: { attributes: 75, events: 75, purchases: 75 }, status: 201 },
    { mode: 'legacy75each', counts: { attributes: 0, events: 76, purchases: 0 }, status: 400 },
    { mode: 'legacy75each', counts: { attributes: 76, events: 0, purchases: 0 }, status: 400 },
    { mode: 'mau50', counts: { attributes: 20, events: 20, purchases: 10 }, status: 201 },
    { mode: 'mau50', counts: { attributes: 20, events: 20, purchases: 11 }, status: 400 },
  ])('$mode with $counts → $status', async ({ mode, counts, status }) => {
    fake.setObjectLimitMode(mode);
    const result = await track(fake, body(counts));
    expect(result.status).toBe(status);
    if (status === 400) expect(result.body).toEqual(TOO_MANY);
  });

  it('rejects an over-limit request as a whole, storing nothing', async () => {
    fake.setObjectLimitMode('combined75');
    fake.reset();
    await track(fake, body({ attributes: 0, events: 76, purchases: 0 }));
    expect(fake.stats().eventsAccepted).toBe(0);
  });

  it('takes one object on /users/track/sync and 1,000 on /users/track/bulk', async () => {
    expect((await callFake(fake, '/users/track/sync', body({ attributes: 0, events: 2, purchases: 0 }))).body).toEqual(TOO_MANY);
    expect((await callFake(fake, '/users/track/bulk', body({ attributes: 400, events: 600, purchases: 0 }))).status).toBe(201);
    expect((await callFake(fake, '/users/track/bulk', body({ attributes: 400, events: 601, purchases: 0 }))).status).toBe(400);
  });
});
