import { describe, expect, it } from 'vitest';
import { classifyAnswer } from '@/lib/forward/outcome';

describe('classifyAnswer', () => {
  it.each([
    [200, '{"code":200,"events_ingested":2}', { kind: 'accepted' }],
    [200, 'success', { kind: 'accepted' }],
    [413, '{"code":413,"error":"Payload too large"}', { kind: 'too-large' }],
    [500, '{"code":500}', { kind: 'retry', status: 500 }],
    [503, '<html>', { kind: 'retry', status: 503 }],
    [408, '', { kind: 'retry', status: 408 }],
    [0, 'no answer within 10000 ms', { kind: 'retry', status: 0 }],
    [403, '{"code":403,"error":"Forbidden"}', { kind: 'refused', status: 403 }],
    [400, '{"code":400,"error":"Invalid API key"}', { kind: 'refused', status: 400 }],
    [400, 'missing_event', { kind: 'refused', status: 400 }],
  ])('%i %s', (status, answer, expected) => {
    expect(classifyAnswer(status, answer)).toMatchObject(expected);
  });

  it('reads every event a 400 names, in all of Amplitude\'s index fields', () => {
    const answer = JSON.stringify({
      code: 400,
      error: 'Invalid field values on some events',
      events_with_invalid_fields: { time: [3, 4] },
      events_with_missing_fields: { event_type: [1] },
      events_with_invalid_id_lengths: { device_id: [4] },
      silenced_events: [7],
    });
    expect(classifyAnswer(400, answer)).toEqual({ kind: 'invalid-events', indexes: [1, 3, 4, 7], status: 400, answer });
  });

  it('reads the throttled events, users and devices of a 429, and treats a 429 naming none as all', () => {
    const answer = JSON.stringify({ code: 429, throttled_users: { 'user-1': 32 }, throttled_devices: { 'dev-1': 31 }, exceeded_daily_quota_users: { 'user-2': 500200 }, throttled_events: [0, 2] });
    expect(classifyAnswer(429, answer)).toEqual({ kind: 'throttled', indexes: [0, 2], users: ['user-1', 'user-2'], devices: ['dev-1'], answer });
    expect(classifyAnswer(429, 'Too Many Requests')).toEqual({ kind: 'throttled', indexes: null, users: [], devices: [], answer: 'Too Many Requests' });
  });
});
