import { describe, expect, it } from 'vitest';
import { parseUploadEnvelope } from '@/lib/amplitude/upload-envelope';

const missingBody = { kind: 'rejected', status: 400, body: { code: 400, error: 'Missing request body' } };
const invalidJson = { kind: 'rejected', status: 400, body: { code: 400, error: 'Invalid JSON request body' } };
const missing = (field: string) => ({
  kind: 'rejected',
  status: 400,
  body: { code: 400, error: 'Request missing required field', missing_field: field },
});

describe('parseUploadEnvelope rejects', () => {
  it.each([
    ['no body', undefined, missingBody],
    ['a null body', null, missingBody],
    ['an array body', [], invalidJson],
    ['a string body', 'events', invalidJson],
    ['a number body', 42, invalidJson],
    ['a missing api_key', { events: [] }, missing('api_key')],
    ['an empty api_key', { api_key: '', events: [] }, missing('api_key')],
    ['a numeric api_key', { api_key: 123, events: [] }, missing('api_key')],
    ['a missing api_key before missing events', {}, missing('api_key')],
    ['missing events', { api_key: 'key' }, missing('events')],
    ['null events', { api_key: 'key', events: null }, missing('events')],
    ['events that are not an array', { api_key: 'key', events: { 0: {} } }, invalidJson],
    ['options that are not an object', { api_key: 'key', events: [], options: 5 }, invalidJson],
    ['a fractional min_id_length', { api_key: 'key', events: [], options: { min_id_length: 2.5 } }, invalidJson],
    ['a zero min_id_length', { api_key: 'key', events: [], options: { min_id_length: 0 } }, invalidJson],
  ])('%s', (_name, body, expected) => {
    expect(parseUploadEnvelope(body)).toEqual(expected);
  });
});

describe('parseUploadEnvelope accepts', () => {
  it('what the TS SDKs send: options {}, client_upload_time, request_metadata', () => {
    const events = [{ event_type: 'x' }];
    const body = {
      api_key: 'key',
      events,
      options: {},
      client_upload_time: '2024-01-01T00:00:00.000Z',
      request_metadata: { sdk: { metrics: { histogram: {} } } },
    };
    expect(parseUploadEnvelope(body)).toEqual({ kind: 'envelope', apiKey: 'key', events, minIdLength: 5 });
  });

  it.each([
    [{ min_id_length: 1 }, 1],
    [{ min_id_length: 12 }, 12],
    [{ min_id_length: null }, 5],
    [null, 5],
  ])('options %j gives min id length %i', (options, minIdLength) => {
    expect(parseUploadEnvelope({ api_key: 'key', events: [], options })).toMatchObject({ minIdLength });
  });
});
