import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { callFake, event, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze } from '@/test/fakes/braze/types';

const PARSE_ERROR = { message: 'Error while parsing request body. Please check your syntax.' };

describe('fake Braze request checks', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze({ maxBodyBytes: 10_000 });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it.each([
    { contentType: null, status: 415 },
    { contentType: 'text/plain', status: 415 },
    { contentType: 'application/x-www-form-urlencoded', status: 415 },
    { contentType: 'application/jsonp', status: 415 },
    { contentType: 'application/json', status: 201 },
    { contentType: 'application/json; charset=utf-8', status: 201 },
    { contentType: 'Application/JSON;charset=UTF-8', status: 201 },
  ])('Content-Type $contentType → $status', async ({ contentType, status }) => {
    const result = await track(fake, { events: [event('opened')] }, { contentType });
    expect(result.status).toBe(status);
  });

  it.each([
    { name: 'truncated JSON', raw: '{"events": [' },
    { name: 'not JSON at all', raw: 'events=1' },
    { name: 'empty body', raw: '' },
  ])('answers 400 with the parse message for $name', async ({ raw }) => {
    const result = await track(fake, undefined, { raw });
    expect(result.status).toBe(400);
    expect(result.body).toEqual(PARSE_ERROR);
  });

  it('answers 413 for a body over the limit and still serves the next request', async () => {
    const big = { events: [event('big', { properties: { blob: 'x'.repeat(20_000) } })] };
    const result = await track(fake, big);
    expect(result.status).toBe(413);
    expect(fake.events()).toHaveLength(0);
    expect((await track(fake, { events: [event('small')] })).status).toBe(201);
  });

  it('accepts a body exactly at the limit', async () => {
    const base = JSON.stringify({ events: [event('edge', { properties: { p: '' } })] });
    const raw = base.replace('"p":""', `"p":"${'y'.repeat(200)}"`).padEnd(10_000, ' ');
    const result = await track(fake, undefined, { raw });
    expect(raw.length).toBe(10_000);
    expect(result.status).toBe(201);
  });

  it('answers 400 for an oversize body when configured to', async () => {
    const strict = await startFakeBraze({ maxBodyBytes: 1000, oversizeStatus: 400 });
    try {
      const result = await track(strict, { events: [event('big', { properties: { blob: 'x'.repeat(2000) } })] });
      expect(result.status).toBe(400);
    } finally {
      await strict.close();
    }
  });

  it('accepts and ignores a top-level partner and the X-Braze-Bulk header', async () => {
    const result = await track(fake, { partner: 'RudderStack', events: [event('opened')] }, { headers: { 'X-Braze-Bulk': 'true' } });
    expect(result.status).toBe(201);
    expect(result.body).toEqual({ message: 'success', events_processed: 1 });
  });

  it('records the parsed body and the answer of each request', async () => {
    const body = { events: [event('opened')] };
    await track(fake, body);
    await track(fake, undefined, { raw: '{nope' });
    const [ok, bad] = fake.requests();
    expect(ok).toMatchObject({ method: 'POST', path: '/users/track', body, status: 201, responseBody: { message: 'success', events_processed: 1 } });
    expect(ok?.responseHeaders['x-ratelimit-limit']).toBe('3000');
    expect(bad).toMatchObject({ body: null, status: 400, responseBody: PARSE_ERROR });
  });

  it('applies the 2 MB, 400 payload limit of /users/track/bulk', async () => {
    const roomy = await startFakeBraze({ maxBodyBytes: 8 * 1024 * 1024 });
    try {
      const properties = Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`p${i}`, 'z'.repeat(250)]));
      const events = Array.from({ length: 100 }, (_, i) => event(`e${i}`, { properties }));
      expect(JSON.stringify({ events }).length).toBeGreaterThan(2 * 1024 * 1024);
      expect((await callFake(roomy, '/users/track/bulk', { events })).status).toBe(400);
      expect((await callFake(roomy, '/users/track/bulk', { events: events.slice(0, 10) })).status).toBe(201);
    } finally {
      await roomy.close();
    }
  });
});
