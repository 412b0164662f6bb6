import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { callFake, event, TEST_KEY, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze } from '@/test/fakes/braze/types';

const BODY = { events: [event('opened')] };
// Long enough that a loaded machine cannot let a window lapse in the middle of a test.
const STEADY = { limit: 3, windowMs: 10_000 };
const TINY_WINDOW_MS = 200;

describe('rate limiting', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze({ keys: [{ key: TEST_KEY }, { key: 'other-workspace' }], rateLimit: STEADY });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.setRateLimit(STEADY);
  });

  it('counts down x-ratelimit-remaining and then answers 429 without Retry-After', async () => {
    const before = Date.now();
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await track(fake, BODY));
    expect(results.map((result) => result.status)).toEqual([201, 201, 201, 429]);
    expect(results.map((result) => result.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    for (const result of results) {
      expect(result.headers.get('x-ratelimit-limit')).toBe('3');
      const reset = Number(result.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(Math.floor(before / 1000));
      expect(reset).toBeLessThanOrEqual(Math.ceil((Date.now() + STEADY.windowMs) / 1000));
    }
    expect(results[3]?.body).toEqual({ message: 'Rate limit exceeded' });
    expect(results[3]?.headers.get('retry-after')).toBeNull();
    expect(fake.stats().rateLimited).toBe(1);
    expect(fake.stats().eventsAccepted).toBe(3);
  });

  it('recovers once a tiny window has passed', async () => {
    fake.setRateLimit({ limit: 1, windowMs: TINY_WINDOW_MS });
    // Two requests inside one 200 ms window: the second is refused. A stalled machine may let the
    // window lapse between them, so try a few pairs before concluding the limit is not enforced.
    let refused = false;
    for (let attempt = 0; attempt < 5 && !refused; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, TINY_WINDOW_MS + 20));
      await track(fake, BODY);
      refused = (await track(fake, BODY)).status === 429;
    }
    expect(refused).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, TINY_WINDOW_MS + 50));
    const after = await track(fake, BODY);
    expect(after.status).toBe(201);
    expect(after.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('keeps a window per API key', async () => {
    for (let i = 0; i < 3; i += 1) await track(fake, BODY);
    expect((await track(fake, BODY)).status).toBe(429);
    expect((await track(fake, BODY, { key: 'other-workspace' })).status).toBe(201);
  });

  it('puts the headers on error answers after auth, but not on 401', async () => {
    const unsupported = await track(fake, BODY, { contentType: 'text/plain' });
    expect(unsupported.status).toBe(415);
    expect(unsupported.headers.get('x-ratelimit-remaining')).toBe('2');
    const invalid = await track(fake, { events: [{ name: 'x' }] });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-ratelimit-remaining')).toBe('1');
    const refused = await track(fake, BODY, { key: 'nobody' });
    expect(refused.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('gives /users/track/sync its own 500-per-minute window', async () => {
    for (let i = 0; i < 3; i += 1) await track(fake, BODY);
    const sync = await callFake(fake, '/users/track/sync', BODY);
    expect(sync.status).toBe(201);
    expect(sync.headers.get('x-ratelimit-limit')).toBe('500');
  });

  it('applies a new limit set at run time', async () => {
    fake.setRateLimit({ limit: 1, windowMs: 10_000 });
    expect((await track(fake, BODY)).status).toBe(201);
    expect((await track(fake, BODY)).status).toBe(429);
  });
});
