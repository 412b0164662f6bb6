import { describe, expect, it } from 'vitest';
import { EVENT_FIELD_KINDS } from '@/lib/amplitude/event-fields';
import { amplitudeEventSchema } from '@/lib/amplitude/event-schema';

describe('amplitudeEventSchema', () => {
  it('lists every field of the field table', () => {
    expect(Object.keys(amplitudeEventSchema.shape).sort()).toEqual(Object.keys(EVENT_FIELD_KINDS).sort());
  });

  it('requires event_type and time', () => {
    expect(amplitudeEventSchema.safeParse({ event_type: 'x' }).success).toBe(false);
    expect(amplitudeEventSchema.safeParse({ time: 1 }).success).toBe(false);
    expect(amplitudeEventSchema.safeParse({ event_type: 'x', time: 1 }).success).toBe(true);
  });

  it('strips unknown keys', () => {
    expect(amplitudeEventSchema.parse({ event_type: 'x', time: 1, extra: { a: 1 } })).toEqual({ event_type: 'x', time: 1 });
  });

  it.each([
    ['an ISO time', { time: '2024-01-01T00:00:00Z' }],
    ['a fractional time', { time: 1.5 }],
    ['a numeric user_id', { user_id: 1 }],
    ['an array of event properties', { event_properties: [] }],
    ['a numeric plan version', { plan: { version: 1 } }],
    ['a string flag', { $skip_user_properties_sync: 'true' }],
  ])('rejects %s', (_name, fields) => {
    expect(amplitudeEventSchema.safeParse({ event_type: 'x', time: 1, ...fields }).success).toBe(false);
  });
});
