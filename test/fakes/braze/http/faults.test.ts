import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { callFake, event, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze } from '@/test/fakes/braze/types';
import { waitFor } from '@/test/processes';

const BODY = { events: [event('opened')] };

describe('fault injection', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it.each([500, 502, 503, 504] as const)('forces a JSON %i and processes nothing', async (status) => {
    fake.injectFaults({ status });
    const result = await track(fake, BODY);
    expect(result.status).toBe(status);
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    expect(result.body).toEqual({ message: expect.any(String) });
    expect(fake.events()).toHaveLength(0);
    expect((await track(fake, BODY)).status).toBe(201);
  });

  it('applies a request and then fails its answer when the fault says it was processed', async () => {
    fake.injectFaults({ status: 504, processed: true }, { timeoutMs: 200, processed: true });
    expect((await track(fake, BODY)).status).toBe(504);
    expect(fake.events()).toHaveLength(1);
    await expect(track(fake, BODY)).rejects.toThrow();
    expect(fake.events()).toHaveLength(2);
  });

  it('processes a slow request after the others, so requests can be applied out of order', async () => {
    fake.injectFaults({ slowMs: 300 }, { slowMs: 0 });
    const [slow, fast] = await Promise.all([track(fake, { events: [event('first')] }), track(fake, { events: [event('second')] })]);
    expect([slow.status, fast.status]).toEqual([201, 201]);
    expect(fake.events().map((e) => e.object.name)).toEqual(['second', 'first']);
  });

  it('answers an HTML page when asked to', async () => {
    fake.injectFaults({ status: 502, html: true });
    const result = await track(fake, BODY);
    expect(result.status).toBe(502);
    expect(result.headers.get('content-type')).toMatch(/^text\/html/);
    expect(result.text).toContain('<h1>502 Bad Gateway</h1>');
    expect(() => JSON.parse(result.text)).toThrow();
  });

  it('answers 202 queued without processing the data', async () => {
    fake.injectFaults({ queued: true });
    const result = await track(fake, BODY);
    expect(result.status).toBe(202);
    expect(result.body).toEqual({ message: 'queued' });
    expect(fake.stats().eventsAccepted).toBe(0);
  });

  it('forces a 429 whose reset lies resetInSeconds ahead', async () => {
    fake.injectFaults({ status: 429, resetInSeconds: 30 });
    const result = await track(fake, BODY);
    expect(result.status).toBe(429);
    expect(result.body).toEqual({ message: 'Rate limit exceeded' });
    expect(result.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(result.headers.get('x-ratelimit-reset'));
    expect(reset - Date.now() / 1000).toBeGreaterThan(28);
    expect(reset - Date.now() / 1000).toBeLessThanOrEqual(31);
    expect(fake.stats().rateLimited).toBe(1);
  });

  it('consumes faults in order, each for `count` requests', async () => {
    fake.injectFaults({ status: 503, count: 2 }, { queued: true }, { status: 500 });
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await track(fake, BODY)).status);
    expect(statuses).toEqual([503, 503, 202, 500, 201]);
  });

  it('holds the response until the client gives up on a timeout fault', async () => {
    fake.injectFaults({ timeoutMs: 5_000 });
    const started = Date.now();
    await expect(track(fake, BODY, { signal: AbortSignal.timeout(150) })).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.stats().byStatus).toEqual({ timeout: 1 });
    expect(fake.requests()[0]).toMatchObject({ status: null, body: BODY });
    expect((await track(fake, BODY)).status).toBe(201);
  });

  it('destroys the socket once the timeout has passed', async () => {
    fake.injectFaults({ timeoutMs: 100 });
    const started = Date.now();
    await expect(track(fake, BODY)).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('never answers an Infinity timeout, and close() still returns', async () => {
    const hung = await startFakeBraze();
    hung.injectFaults({ timeoutMs: Infinity });
    const pending = track(hung, BODY).then(
      () => 'answered',
      () => 'failed',
    );
    // Recorded once the request has arrived; it stays unanswered however long that takes.
    await waitFor(() => hung.stats().byStatus.timeout === 1, { what: 'the request recorded as timed out' });
    expect(hung.stats().byStatus).toEqual({ timeout: 1 });
    await hung.close();
    expect(await pending).toBe('failed');
  });

  it('still answers 401 to a bad key and keeps the fault for the next request', async () => {
    fake.injectFaults({ status: 503 });
    expect((await track(fake, BODY, { key: 'nobody' })).status).toBe(401);
    expect((await track(fake, BODY)).status).toBe(503);
  });

  it('applies to /users/track/sync and /users/track/bulk but not to other endpoints', async () => {
    fake.injectFaults({ status: 500, count: 2 });
    expect((await callFake(fake, '/users/export/ids', { external_ids: ['x'] })).status).toBe(201);
    expect((await callFake(fake, '/users/track/sync', BODY)).status).toBe(500);
    expect((await callFake(fake, '/users/track/bulk', BODY)).status).toBe(500);
    expect((await callFake(fake, '/users/track/bulk', BODY)).status).toBe(201);
  });
});
