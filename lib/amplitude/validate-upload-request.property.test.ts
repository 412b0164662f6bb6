/**
 * Properties of validateUploadRequest over arbitrary input: it never throws, every index of
 * `events` is either accepted or listed in the 400 (never both, never neither), and whatever it
 * accepts matches the published event schema.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amplitudeEventSchema } from '@/lib/amplitude/event-schema';
import type { UploadValidation } from '@/lib/amplitude/upload-result';
import { validateUploadRequest } from '@/lib/amplitude/validate-upload-request';

const NOW = 1_700_000_000_000;
const ctx = { endpoint: 'batch', now: NOW } as const;

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf');
const anyKey = fc.oneof(hostileKey, fc.string(), fc.string({ unit: 'grapheme' }));

/** Arbitrary JSON with hostile keys, unicode and the odd over-long string. */
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ minLength: 1020, maxLength: 1100 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(anyKey, tie('value'), { maxKeys: 5 }),
  ),
})).value;

const idValue = fc.oneof(fc.constantFrom('NULL', 'n/a', '0', '', 'abcd', 'user-12345', 'device-67890'), fc.string(), fc.integer(), fc.constant(null));

/** Events close enough to valid that every rule gets exercised. */
const plausibleEvent = fc.record(
  {
    event_type: fc.oneof(fc.constantFrom('Clicked', '', '$identify', '$groupidentify'), fc.string(), fc.integer()),
    user_id: idValue,
    device_id: idValue,
    time: fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), fc.double(), fc.constant('2024-01-01T00:00:00Z')),
    event_properties: hostileJson,
    user_properties: hostileJson,
    groups: hostileJson,
    plan: hostileJson,
    price: fc.oneof(fc.double({ noNaN: true }), fc.string()),
    session_id: fc.oneof(fc.constant(-1), fc.integer(), fc.double()),
    // Computed keys: a literal `__proto__:` would set the model's prototype instead of adding a key.
    ['__proto__']: hostileJson,
    ['constructor']: hostileJson,
  },
  { requiredKeys: [] },
);

/** Nesting well past the 40-level limit, with `__proto__` keys as own data, as JSON.parse makes them. */
const deeplyNested = fc.integer({ min: 35, max: 200 }).map((depth) => {
  let text = '"leaf"';
  for (let i = 0; i < depth; i++) text = i % 2 === 0 ? `{"__proto__":${text}}` : `[${text}]`;
  return JSON.parse(`{"event_type":"x","user_id":"user-1","event_properties":{"nested":${text}}}`) as unknown;
});

const anyEvent = fc.oneof(plausibleEvent, hostileJson, deeplyNested);

/** Bodies as JSON.parse would hand them over: round-tripped through text. */
const requestBody = fc.oneof(
  hostileJson,
  fc.record({ api_key: fc.oneof(fc.string(), hostileJson), events: fc.array(anyEvent, { maxLength: 12 }), options: hostileJson }, { requiredKeys: ['events'] }),
  fc.record({ api_key: fc.constant('key'), events: fc.array(anyEvent, { maxLength: 12 }) }),
).map((body) => {
  const text = JSON.stringify(body);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
});

function listedIndexes(result: UploadValidation): number[] {
  if (result.kind !== 'invalid-events') return [];
  const maps = [result.body.events_with_invalid_fields, result.body.events_with_missing_fields, result.body.events_with_invalid_id_lengths];
  return [...new Set(maps.flatMap((map) => Object.values(map).flat()))].sort((a, b) => a - b);
}

describe('validateUploadRequest on arbitrary input', () => {
  it('never throws and always answers with a body whose code is its status', () => {
    fc.assert(
      fc.property(requestBody, (body) => {
        const result = validateUploadRequest(body, ctx);
        if (result.kind !== 'accepted') expect(result.body.code).toBe(result.status);
      }),
      { numRuns: 500 },
    );
  });

  it('splits the events into accepted and listed indexes, disjoint and complete', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 20 }), (rawEvents) => {
        const events = JSON.parse(JSON.stringify(rawEvents)) as unknown[];
        const result = validateUploadRequest({ api_key: 'key', events }, ctx);
        expect(result.kind).not.toBe('rejected');
        if (result.kind === 'rejected') return;
        const listed = listedIndexes(result);
        const invalid = result.kind === 'invalid-events' ? result.invalidIndexes : [];
        expect(listed).toEqual(invalid);
        expect([...result.indexes, ...invalid].sort((a, b) => a - b)).toEqual(events.map((_, i) => i));
        expect(result.events).toHaveLength(result.indexes.length);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts only events that match the event schema, with time set', () => {
    fc.assert(
      fc.property(fc.array(plausibleEvent, { maxLength: 10 }), (rawEvents) => {
        const result = validateUploadRequest({ api_key: 'key', events: JSON.parse(JSON.stringify(rawEvents)) }, ctx);
        if (result.kind === 'rejected') return;
        for (const event of result.events) {
          expect(amplitudeEventSchema.safeParse(event).success).toBe(true);
          expect(Number.isSafeInteger(event.time)).toBe(true);
          expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves Object.prototype untouched', () => {
    fc.assert(
      fc.property(requestBody, (body) => {
        validateUploadRequest(body, ctx);
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
      }),
      { numRuns: 200 },
    );
  });
});

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
