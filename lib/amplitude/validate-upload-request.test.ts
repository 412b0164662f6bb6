import { describe, expect, it } from 'vitest';
import { validateUploadRequest } from '@/lib/amplitude/validate-upload-request';

const NOW = 1_700_000_000_000;
const ctx = { endpoint: 'httpapi', now: NOW } as const;
const good = (i: number) => ({ event_type: `event ${i}`, user_id: `user-${i}`, insert_id: `insert-${i}` });

describe('validateUploadRequest', () => {
  it('accepts a valid batch with every index, time filled', () => {
    const result = validateUploadRequest({ api_key: 'key', events: [good(0), { ...good(1), time: 5 }] }, ctx);
    expect(result).toEqual({
      kind: 'accepted',
      apiKey: 'key',
      events: [
        { ...good(0), time: NOW },
        { ...good(1), time: 5 },
      ],
      indexes: [0, 1],
    });
  });

  it('returns only the valid events of a mixed batch and a 400 listing exactly the bad indexes', () => {
    const events = [
      good(0),
      { user_id: 'user-1' }, // 1: no event_type
      good(2),
      { ...good(3), time: '2024-01-01T00:00:00Z' }, // 3: ISO time
      { ...good(4), user_id: 'null' }, // 4: placeholder id
      good(5),
      { event_type: 'x', device_id: 'abc' }, // 6: short id
      { ...good(7), time: 1.5 }, // 7: fractional time
      'not an event', // 8
      { event_type: 'x' }, // 9: no ids
      good(10),
    ];
    const result = validateUploadRequest({ api_key: 'key', events }, ctx);
    expect(result.kind).toBe('invalid-events');
    if (result.kind !== 'invalid-events') return;
    expect(result.status).toBe(400);
    expect(result.indexes).toEqual([0, 2, 5, 10]);
    expect(result.events.map((event) => event.insert_id)).toEqual(['insert-0', 'insert-2', 'insert-5', 'insert-10']);
    expect(result.invalidIndexes).toEqual([1, 3, 4, 6, 7, 8, 9]);
    expect(result.body).toEqual({
      code: 400,
      error: 'Invalid field values on some events',
      events_with_invalid_fields: { time: [3, 7], user_id: [4], event: [8] },
      events_with_missing_fields: { event_type: [1], user_id: [9], device_id: [9] },
      events_with_invalid_id_lengths: { device_id: [6] },
    });
  });

  it('uses options.min_id_length for the id length check', () => {
    const body = { api_key: 'key', events: [{ event_type: 'x', user_id: 'ab' }], options: { min_id_length: 2 } };
    expect(validateUploadRequest(body, ctx).kind).toBe('accepted');
    expect(validateUploadRequest({ ...body, options: {} }, ctx).kind).toBe('invalid-events');
  });

  it('accepts an empty events array', () => {
    expect(validateUploadRequest({ api_key: 'key', events: [] }, ctx)).toEqual({ kind: 'accepted', apiKey: 'key', events: [], indexes: [] });
  });

  describe('api key callback', () => {
    it('rejects an unknown key with the key echoed', () => {
      const result = validateUploadRequest({ api_key: 'unknown-key', events: [good(0)] }, { ...ctx, isKnownApiKey: () => false });
      expect(result).toEqual({ kind: 'rejected', status: 400, body: { code: 400, error: 'Invalid API key: unknown-key' } });
    });

    it('cuts the echoed key to 64 characters', () => {
      const key = 'k'.repeat(64) + 'tail';
      const result = validateUploadRequest({ api_key: key, events: [] }, { ...ctx, isKnownApiKey: () => false });
      expect(result.kind === 'rejected' && result.body.error).toBe(`Invalid API key: ${'k'.repeat(64)}`);
    });

    it('passes the key to the callback and accepts a known one', () => {
      const seen: string[] = [];
      const isKnownApiKey = (key: string) => {
        seen.push(key);
        return key === 'good';
      };
      expect(validateUploadRequest({ api_key: 'good', events: [good(0)] }, { ...ctx, isKnownApiKey }).kind).toBe('accepted');
      expect(seen).toEqual(['good']);
    });

    it('checks the key before the events', () => {
      const result = validateUploadRequest({ api_key: 'bad', events: ['junk'] }, { ...ctx, isKnownApiKey: () => false });
      expect(result.kind === 'rejected' && result.body.error).toBe('Invalid API key: bad');
    });
  });

  describe('event count limit', () => {
    const events = (count: number) => Array.from({ length: count }, (_, i) => good(i));

    it.each([
      ['httpapi', 2000, 'accepted'],
      ['httpapi', 2001, 'rejected'],
      ['batch', 2000, 'accepted'],
      ['batch', 2001, 'rejected'],
    ] as const)('%s with %i events is %s', (endpoint, count, kind) => {
      expect(validateUploadRequest({ api_key: 'key', events: events(count) }, { endpoint, now: NOW }).kind).toBe(kind);
    });

    it('answers 413 Payload too large', () => {
      const result = validateUploadRequest({ api_key: 'key', events: events(3) }, { ...ctx, limits: { maxEvents: 2 } });
      expect(result).toEqual({ kind: 'rejected', status: 413, body: { code: 413, error: 'Payload too large' } });
    });
  });

  it('applies a configured string limit', () => {
    const result = validateUploadRequest({ api_key: 'key', events: [{ ...good(0), platform: 'abcdefgh' }] }, { ...ctx, limits: { maxStringLength: 6 } });
    expect(result.kind === 'accepted' && result.events[0]?.platform).toBe('abcdef');
  });

  it('rejects a missing body before anything else', () => {
    expect(validateUploadRequest(undefined, { ...ctx, isKnownApiKey: () => false })).toEqual({
      kind: 'rejected',
      status: 400,
      body: { code: 400, error: 'Missing request body' },
    });
  });
});
