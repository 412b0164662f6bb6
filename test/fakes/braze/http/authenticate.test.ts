import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { callFake, event, TEST_KEY, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze } from '@/test/fakes/braze/types';

const VALID_BODY = { events: [event('opened')] };
const KEYS = [
  { key: TEST_KEY },
  { key: 'track-only', permissions: ['users.track'] },
  { key: 'export-only', permissions: ['users.export.ids'] },
  { key: 'eu-key', otherCluster: true },
];

describe('fake Braze auth and routing', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze({ keys: KEYS });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it.each([
    { name: 'no Authorization header', options: { key: null }, status: 401, message: 'Invalid API Key' },
    { name: 'key without Bearer', options: { authorization: TEST_KEY }, status: 401, message: 'Invalid API Key' },
    { name: 'quoted key', options: { authorization: `Bearer "${TEST_KEY}"` }, status: 401, message: 'Invalid API Key' },
    { name: 'Basic scheme', options: { authorization: `Basic ${TEST_KEY}` }, status: 401, message: 'Invalid API Key' },
    { name: 'unknown key', options: { key: 'nobody' }, status: 401, message: 'Invalid API Key' },
    { name: 'key of another cluster', options: { key: 'eu-key' }, status: 401, message: 'Invalid API Key' },
    { name: 'key lacking users.track', options: { key: 'export-only' }, status: 403, message: 'Access Denied' },
    { name: 'key with users.track', options: { key: 'track-only' }, status: 201, message: 'success' },
    { name: 'key with all permissions', options: {}, status: 201, message: 'success' },
  ])('$name → $status', async ({ options, status, message }) => {
    const result = await track(fake, VALID_BODY, options);
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ message });
  });

  it('checks the permission of each endpoint separately', async () => {
    const sync = await callFake(fake, '/users/track/sync', VALID_BODY, { key: 'track-only' });
    expect(sync.status).toBe(403);
    const exported = await callFake(fake, '/users/export/ids', { external_ids: ['user-1'] }, { key: 'export-only' });
    expect(exported.status).toBe(201);
  });

  it('stores nothing for refused requests', async () => {
    await track(fake, VALID_BODY, { key: 'nobody' });
    expect(fake.events()).toHaveLength(0);
    expect(fake.stats().byStatus).toEqual({ 401: 1 });
  });

  it('records the key as sent', async () => {
    await track(fake, VALID_BODY, { key: 'track-only' });
    await track(fake, VALID_BODY, { authorization: 'Token abc' });
    const [first, second] = fake.requests();
    expect(first).toMatchObject({ apiKey: 'track-only', authorization: 'Bearer track-only', status: 201 });
    expect(second).toMatchObject({ apiKey: null, authorization: 'Token abc', status: 401 });
    expect(fake.events()[0]?.apiKey).toBe('track-only');
  });

  it.each([
    { name: 'trailing slash', path: '/users/track/', method: 'POST' },
    { name: 'unknown endpoint', path: '/users/teleport', method: 'POST' },
    { name: 'GET on a POST endpoint', path: '/users/track', method: 'GET' },
    { name: 'root', path: '/', method: 'POST' },
  ])('answers 404 JSON for $name', async ({ path, method }) => {
    const result = await callFake(fake, path, VALID_BODY, { method });
    expect(result.status).toBe(404);
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    expect(result.body).toEqual({ message: 'Not Found' });
  });

  it('lets setKeys replace the keys at run time', async () => {
    fake.setKeys([{ key: 'rotated' }]);
    try {
      expect((await track(fake, VALID_BODY)).status).toBe(401);
      expect((await track(fake, VALID_BODY, { key: 'rotated' })).status).toBe(201);
    } finally {
      fake.setKeys(KEYS);
    }
  });
});
