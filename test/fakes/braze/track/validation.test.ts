import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { event, purchase, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze, InputArray } from '@/test/fakes/braze/types';

const MISSING_ID = "'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required";
const BAD_EMAIL = "The value provided for the 'email' field is not a valid email.";
const NO_VALID_DATA = "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.";

const VALID: Record<InputArray, Record<string, unknown>> = {
  attributes: { external_id: 'user-1', plan: 'pro' },
  events: event('opened'),
  purchases: purchase(),
};

const manyKeys = Object.fromEntries(Array.from({ length: 450 }, (_, i) => [`k${i}`, 'v'.repeat(250)]));

const CASES: { name: string; array: InputArray; object: unknown; type: string }[] = [
  { name: 'event without identifier', array: 'events', object: { name: 'x', time: '2024-01-01' }, type: MISSING_ID },
  { name: 'event with empty external_id', array: 'events', object: { external_id: '', name: 'x', time: '2024-01-01' }, type: MISSING_ID },
  { name: 'alias missing its label', array: 'events', object: { user_alias: { alias_name: 'a' }, name: 'x', time: '2024-01-01' }, type: "'user_alias' must have 'alias_name' and 'alias_label' strings" },
  { name: 'event without name', array: 'events', object: { external_id: 'u', time: '2024-01-01' }, type: "'name' is required" },
  { name: 'event with numeric name', array: 'events', object: { external_id: 'u', name: 5, time: '2024-01-01' }, type: "'name' is not valid" },
  { name: 'event without time', array: 'events', object: { external_id: 'u', name: 'x' }, type: "'time' is required" },
  { name: 'event with unparseable time', array: 'events', object: event('x', { time: 'yesterday' }), type: "'time' is not valid" },
  { name: 'event with 13th month', array: 'events', object: event('x', { time: '2024-13-01T00:00:00Z' }), type: "'time' is not valid" },
  { name: 'event with epoch number time', array: 'events', object: event('x', { time: 1714564800 }), type: "'time' is not valid" },
  { name: 'event with invalid email', array: 'events', object: { email: 'not-an-email', name: 'x', time: '2024-01-01' }, type: BAD_EMAIL },
  { name: 'property key empty', array: 'events', object: event('x', { properties: { '': 1 } }), type: "'properties' key '' is not valid" },
  { name: 'property key with $', array: 'events', object: event('x', { properties: { $price: 1 } }), type: "'properties' key '$price' is not valid" },
  { name: 'property key time', array: 'events', object: event('x', { properties: { time: 1 } }), type: "'properties' key 'time' is not valid" },
  { name: 'property key event_name', array: 'events', object: event('x', { properties: { event_name: 'y' } }), type: "'properties' key 'event_name' is not valid" },
  { name: 'property string over 255', array: 'events', object: event('x', { properties: { note: 'n'.repeat(256) } }), type: "'properties' has a string value longer than 255 characters" },
  { name: 'nested property string over 255', array: 'events', object: event('x', { properties: { list: ['n'.repeat(256)] } }), type: "'properties' has a string value longer than 255 characters" },
  { name: 'properties over 100 KB', array: 'events', object: event('x', { properties: { big: manyKeys } }), type: "'properties' is larger than 100 KB" },
  { name: 'properties not an object', array: 'events', object: event('x', { properties: [1] }), type: "'properties' is not valid" },
  { name: 'non-boolean update-only flag', array: 'events', object: event('x', { _update_existing_only: 'yes' }), type: "'_update_existing_only' is not valid" },
  { name: 'event that is not an object', array: 'events', object: 'opened', type: 'Each item must be a JSON object' },
  { name: 'purchase without product_id', array: 'purchases', object: purchase({ product_id: undefined }), type: "'product_id' is required" },
  { name: 'purchase without currency', array: 'purchases', object: purchase({ currency: undefined }), type: "'currency' is required" },
  { name: 'purchase with bad currency', array: 'purchases', object: purchase({ currency: 'DOLLARS' }), type: "'currency' is not valid" },
  { name: 'purchase without price', array: 'purchases', object: purchase({ price: undefined }), type: "'price' is required" },
  { name: 'purchase with string price', array: 'purchases', object: purchase({ price: '9.99' }), type: "'price' is not valid" },
  { name: 'purchase without time', array: 'purchases', object: purchase({ time: undefined }), type: "'time' is required" },
  { name: 'purchase quantity 0', array: 'purchases', object: purchase({ quantity: 0 }), type: "'quantity' is not valid" },
  { name: 'purchase quantity 101', array: 'purchases', object: purchase({ quantity: 101 }), type: "'quantity' is not valid" },
  { name: 'purchase quantity 1.5', array: 'purchases', object: purchase({ quantity: 1.5 }), type: "'quantity' is not valid" },
  { name: 'purchase property with $', array: 'purchases', object: purchase({ properties: { $x: 1 } }), type: "'properties' key '$x' is not valid" },
  { name: 'attributes without identifier', array: 'attributes', object: { plan: 'pro' }, type: MISSING_ID },
  { name: 'attributes with invalid email', array: 'attributes', object: { external_id: 'u', email: 'a@b' }, type: BAD_EMAIL },
  { name: 'custom attribute over 255', array: 'attributes', object: { external_id: 'u', bio: 'b'.repeat(256) }, type: "'bio' has a string value longer than 255 characters" },
  { name: 'inc with a string', array: 'attributes', object: { external_id: 'u', visits: { inc: '1' } }, type: "'visits' is not valid" },
  { name: 'add that is not an array', array: 'attributes', object: { external_id: 'u', tags: { add: 'x' } }, type: "'tags' is not valid" },
  { name: 'nested object over 100 KB', array: 'attributes', object: { external_id: 'u', profile: manyKeys }, type: "'profile' is larger than 100 KB" },
];

describe('per-object validation', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it.each(CASES)('$name → minor error at its index', async ({ array, object, type }) => {
    // The invalid object sits at index 1, behind a valid one, so the index is checked too.
    const result = await track(fake, { [array]: [VALID[array], object] });
    expect(result.status).toBe(201);
    expect(result.body).toEqual({ message: 'success', [`${array}_processed`]: 1, errors: [{ type, input_array: array, index: 1 }] });
  });

  it.each([
    { name: 'event with user_alias', object: { user_alias: { alias_name: 'a', alias_label: 'l' }, name: 'x', time: '2024-01-01' } },
    { name: 'event with braze_id', object: { braze_id: 'abc', name: 'x', time: '2024-01-01' } },
    { name: 'event with phone', object: { phone: '+15555550100', name: 'x', time: '2024-01-01' } },
    { name: 'event with email', object: { email: 'a@example.com', name: 'x', time: '2024-01-01' } },
    { name: 'colon-millisecond time', object: event('x', { time: '2013-02-03T12:34:56:789-0800' }) },
    { name: 'space-separated time', object: event('x', { time: '2024-01-02 03:04:05' }) },
    { name: 'US date', object: event('x', { time: '01/31/2024' }) },
    { name: 'nested properties', object: event('x', { properties: { cart: { items: [{ sku: 'a' }] }, n: 1.5, ok: true } }) },
    { name: 'property string of 255', object: event('x', { properties: { note: 'n'.repeat(255) } }) },
  ])('accepts $name', async ({ object }) => {
    const result = await track(fake, { events: [object] });
    expect(result.body).toEqual({ message: 'success', events_processed: 1 });
  });

  it('reports every invalid object with its own array and index', async () => {
    const result = await track(fake, {
      attributes: [{ plan: 'x' }, VALID.attributes],
      events: [VALID.events, event('x', { time: 'bad' }), event('y', { time: 'bad' })],
      purchases: [purchase({ quantity: 0 })],
    });
    expect(result.status).toBe(201);
    expect(result.body).toEqual({
      message: 'success',
      attributes_processed: 1,
      events_processed: 1,
      purchases_processed: 0,
      errors: [
        { type: MISSING_ID, input_array: 'attributes', index: 0 },
        { type: "'time' is not valid", input_array: 'events', index: 1 },
        { type: "'time' is not valid", input_array: 'events', index: 2 },
        { type: "'quantity' is not valid", input_array: 'purchases', index: 0 },
      ],
    });
    expect(fake.events().map((accepted) => accepted.index)).toEqual([0]);
  });

  it('answers 400 with the errors when every object is invalid', async () => {
    const result = await track(fake, { events: [{ name: 'x', time: '2024-01-01' }], purchases: [purchase({ quantity: 500 })] });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      message: NO_VALID_DATA,
      errors: [
        { type: MISSING_ID, input_array: 'events', index: 0 },
        { type: "'quantity' is not valid", input_array: 'purchases', index: 0 },
      ],
    });
    expect(fake.stats().eventsAccepted).toBe(0);
  });

  it.each([
    { name: 'an empty object', body: {} },
    { name: 'empty arrays', body: { events: [], attributes: [] } },
    { name: 'events that are not an array', body: { events: { name: 'x' } } },
    { name: 'a JSON array', body: [event('x')] },
  ])('answers 400 for $name', async ({ body }) => {
    const result = await track(fake, body);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ message: NO_VALID_DATA });
  });

  it('reports *_processed only for arrays that were sent', async () => {
    expect((await track(fake, { attributes: [VALID.attributes] })).body).toEqual({ message: 'success', attributes_processed: 1 });
    expect((await track(fake, { events: [VALID.events], purchases: [VALID.purchases] })).body).toEqual({
      message: 'success',
      events_processed: 1,
      purchases_processed: 1,
    });
  });
});
