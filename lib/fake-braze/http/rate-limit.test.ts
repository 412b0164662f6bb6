import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/lib/fake-braze/server';
import { callFake, event, TEST_KEY, track } from '@/lib/fake-braze/test-support';
import type { FakeBraze } from '@/lib/fake-braze/types';

const BODY = { events: [event('opened')] };
const WINDOW_MS = 200;

describe('rate limiting', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze({ keys: [{ key: TEST_KEY }, { key: 'other-workspace' }], rateLimit: { limit: 3, windowMs: WINDOW_MS } });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

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
      expect(reset).toBeLessThanOrEqual(Math.ceil((Date.now() + WINDOW_MS) / 1000));
    }
    expect(results[3]?.body).toEqual({ message: 'Rate limit exceeded' });
    expect(results[3]?.headers.get('retry-after')).toBeNull();
    expect(fake.stats().rateLimited).toBe(1);
    expect(fake.stats().eventsAccepted).toBe(3);
  });

  it('recovers once the window has passed', async () => {
    for (let i = 0; i < 3; i += 1) await track(fake, BODY);
    expect((await track(fake, BODY)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 50));
    const after = await track(fake, BODY);
    expect(after.status).toBe(201);
    expect(after.headers.get('x-ratelimit-remaining')).toBe('2');
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
    try {
      expect((await track(fake, BODY)).status).toBe(201);
      expect((await track(fake, BODY)).status).toBe(429);
    } finally {
      fake.setRateLimit({ limit: 3, windowMs: WINDOW_MS });
    }
  });
});
