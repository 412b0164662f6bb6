import { describe, expect, it } from 'vitest';
import { parseIdentifyForm } from '@/lib/amplitude/identify-form';

const NOW = 1_700_000_000_000;
const ctx = { now: NOW };
const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const missingEvent = { kind: 'rejected', status: 400, body: { code: 400, error: 'missing_event' } };

describe('parseIdentifyForm rejects', () => {
  it.each([
    ['no api_key', { identification: '{"user_id":"user-1"}' }, { code: 400, error: 'Request missing required field', missing_field: 'api_key' }],
    ['an empty api_key', { api_key: '', identification: '{"user_id":"user-1"}' }, { code: 400, error: 'Request missing required field', missing_field: 'api_key' }],
  ])('%s', (_name, fields, body) => {
    expect(parseIdentifyForm(form(fields), ctx)).toEqual({ kind: 'rejected', status: 400, body });
  });

  it.each([
    ['no identification', {}],
    ['an empty identification', { identification: '' }],
    ['identification that is not JSON', { identification: '{user_id:' }],
    ['a JSON string', { identification: '"user-1"' }],
    ['a JSON number', { identification: '5' }],
    ['an empty array', { identification: '[]' }],
  ])('%s with missing_event', (_name, fields) => {
    expect(parseIdentifyForm(form({ api_key: 'key', ...fields }), ctx)).toEqual(missingEvent);
  });

  it('an unknown api key, echoed', () => {
    const result = parseIdentifyForm(form({ api_key: 'nope', identification: '{"user_id":"user-1"}' }), { ...ctx, isKnownApiKey: () => false });
    expect(result).toEqual({ kind: 'rejected', status: 400, body: { code: 400, error: 'Invalid API key: nope' } });
  });

  it('identifications without a usable id, listed by index', () => {
    const identification = JSON.stringify([{ user_id: 'user-1' }, { user_properties: { a: 1 } }, 7, { device_id: 'abc' }]);
    const result = parseIdentifyForm(form({ api_key: 'key', identification }), ctx);
    expect(result).toMatchObject({
      kind: 'invalid-events',
      indexes: [0],
      invalidIndexes: [1, 2, 3],
      body: {
        events_with_missing_fields: { user_id: [1], device_id: [1] },
        events_with_invalid_fields: { event: [2] },
        events_with_invalid_id_lengths: { device_id: [3] },
      },
    });
  });
});

describe('parseIdentifyForm accepts', () => {
  it('a single object as one $identify event timed now', () => {
    const identification = JSON.stringify({ user_id: 'user-1', user_properties: { $set: { plan: 'pro' } }, country: 'DE', paying: 'true' });
    expect(parseIdentifyForm(form({ api_key: 'key', identification }), ctx)).toEqual({
      kind: 'accepted',
      apiKey: 'key',
      indexes: [0],
      events: [
        {
          event_type: '$identify',
          user_id: 'user-1',
          user_properties: { $set: { plan: 'pro' } },
          country: 'DE',
          paying: 'true',
          time: NOW,
        },
      ],
    });
  });

  it('an array, ignoring keys that are not identification keys', () => {
    const identification = JSON.stringify([
      { device_id: 'device-1', event_type: 'Purchase', time: 5, event_properties: { a: 1 } },
      { user_id: 'user-2', groups: { org: 'acme' } },
    ]);
    const result = parseIdentifyForm(form({ api_key: 'key', identification }), ctx);
    expect(result.kind === 'accepted' && result.events).toEqual([
      { event_type: '$identify', device_id: 'device-1', time: NOW },
      { event_type: '$identify', user_id: 'user-2', groups: { org: 'acme' }, time: NOW },
    ]);
  });
});
