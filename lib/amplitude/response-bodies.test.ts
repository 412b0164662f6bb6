import { describe, expect, it } from 'vitest';
import {
  buildInvalidApiKeyBody,
  buildInvalidEventsBody,
  buildMissingEventBody,
  buildMissingFieldBody,
  buildPayloadTooLargeBody,
  buildRequestErrorBody,
  buildServiceUnavailableBody,
  buildSuccessBody,
} from '@/lib/amplitude/response-bodies';
import { buildTooManyRequestsBody } from '@/lib/amplitude/throttle-body';

describe('response bodies', () => {
  it.each([
    [
      'success',
      buildSuccessBody({ eventsIngested: 50, payloadSizeBytes: 50, serverUploadTime: 1396381378123 }),
      { code: 200, events_ingested: 50, payload_size_bytes: 50, server_upload_time: 1396381378123 },
    ],
    ['missing body', buildRequestErrorBody('Missing request body'), { code: 400, error: 'Missing request body' }],
    ['invalid JSON', buildRequestErrorBody('Invalid JSON request body'), { code: 400, error: 'Invalid JSON request body' }],
    ['invalid path', buildRequestErrorBody('Invalid request path'), { code: 400, error: 'Invalid request path' }],
    [
      'missing api_key',
      buildMissingFieldBody('api_key'),
      { code: 400, error: 'Request missing required field', missing_field: 'api_key' },
    ],
    ['invalid api key', buildInvalidApiKeyBody('abc'), { code: 400, error: 'Invalid API key: abc' }],
    [
      'invalid events',
      buildInvalidEventsBody({ invalidFields: { time: [3, 4, 7] }, missingFields: { event_type: [1] }, invalidIdLengths: { device_id: [0] } }),
      {
        code: 400,
        error: 'Invalid field values on some events',
        events_with_invalid_fields: { time: [3, 4, 7] },
        events_with_missing_fields: { event_type: [1] },
        events_with_invalid_id_lengths: { device_id: [0] },
      },
    ],
    ['identify missing_event', buildMissingEventBody(), { code: 400, error: 'missing_event' }],
    ['payload too large', buildPayloadTooLargeBody(), { code: 413, error: 'Payload too large' }],
    [
      'service unavailable',
      buildServiceUnavailableBody(),
      { code: 503, error: 'Service unavailable: nothing was ingested, retry later' },
    ],
    ['service unavailable with a reason', buildServiceUnavailableBody('Queue unavailable'), { code: 503, error: 'Queue unavailable' }],
    [
      'too many requests',
      buildTooManyRequestsBody({
        epsThreshold: 30,
        throttledDevices: { 'C8F9E604-F01A-4BD9-95C6-8E5357DF265D': 31 },
        throttledUsers: new Map([['datamonster@amplitude.com', 32]]),
        throttledEvents: [3, 4, 7],
      }),
      {
        code: 429,
        error: 'Too many requests for some devices and users',
        eps_threshold: 30,
        throttled_devices: { 'C8F9E604-F01A-4BD9-95C6-8E5357DF265D': 31 },
        throttled_users: { 'datamonster@amplitude.com': 32 },
        throttled_events: [3, 4, 7],
      },
    ],
    [
      'too many requests with daily quotas',
      buildTooManyRequestsBody({
        epsThreshold: 1000,
        throttledEvents: [],
        exceededDailyQuotaUsers: { 'datanom@amplitude.com': 500200 },
        exceededDailyQuotaDevices: new Map([['A1A1A000', 500900]]),
      }),
      {
        code: 429,
        error: 'Too many requests for some devices and users',
        eps_threshold: 1000,
        throttled_devices: {},
        throttled_users: {},
        throttled_events: [],
        exceeded_daily_quota_users: { 'datanom@amplitude.com': 500200 },
        exceeded_daily_quota_devices: { A1A1A000: 500900 },
      },
    ],
  ])('%s', (_name, body, expected) => {
    expect(body).toStrictEqual(expected);
  });

  it('cuts an echoed API key to 64 characters so the SDK still sees the Invalid API key prefix', () => {
    const body = buildInvalidApiKeyBody('x'.repeat(10_000));
    expect(body.error).toBe(`Invalid API key: ${'x'.repeat(64)}`);
  });

  it('keeps a __proto__ device id as a plain key of the 429 body', () => {
    const body = buildTooManyRequestsBody({ epsThreshold: 30, throttledDevices: new Map([['__proto__', 31]]), throttledEvents: [0] });
    expect(Object.getPrototypeOf(body.throttled_devices)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(body)).throttled_devices).toEqual(JSON.parse('{"__proto__":31}'));
  });
});
