import { describe, expect, it } from 'vitest';
import { buildBrazeAttributes, type AttributeChange } from '@/lib/braze/attributes';
import { brazeAttributesObjectSchema } from '@/lib/braze/schemas';

const byId = { external_id: 'user-1' };
const byAlias = { user_alias: { alias_name: 'anon-7', alias_label: 'amplitude_device' } };
const createUsers = { updateUsersOnly: false };

describe('buildBrazeAttributes: operations', () => {
  it.each<[string, AttributeChange, Record<string, unknown>]>([
    ['set', { key: 'plan', op: 'set', value: 'pro' }, { plan: 'pro' }],
    ['set an array', { key: 'tags', op: 'set', value: ['a', 'b'] }, { tags: ['a', 'b'] }],
    ['unset', { key: 'plan', op: 'unset' }, { plan: null }],
    ['increment', { key: 'logins', op: 'increment', delta: 2 }, { logins: { inc: 2 } }],
    ['negative increment', { key: 'credits', op: 'increment', delta: -5 }, { credits: { inc: -5 } }],
    ['append', { key: 'tags', op: 'append', values: ['c'] }, { tags: { add: ['c'] } }],
    ['remove', { key: 'tags', op: 'remove', values: ['a'] }, { tags: { remove: ['a'] } }],
  ])('%s', (_name, change, expected) => {
    const built = buildBrazeAttributes(byId, [change], createUsers);
    expect(built).toEqual({ attributes: { external_id: 'user-1', ...expected }, fields: Object.keys(expected), issues: [] });
    expect(brazeAttributesObjectSchema.safeParse(built.attributes).success).toBe(true);
  });

  it.each<[string, AttributeChange, string]>([
    ['increment without a number', { key: 'n', op: 'increment' }, 'invalid_operation'],
    ['increment by NaN', { key: 'n', op: 'increment', delta: Number.NaN }, 'invalid_operation'],
    ['append without values', { key: 'tags', op: 'append' }, 'invalid_operation'],
    ['set a string over 255', { key: 'bio', op: 'set', value: 'x'.repeat(256) }, 'string_too_long'],
    ['set a nested object with a bad key', { key: 'plan', op: 'set', value: { 'a.b': 1 } }, 'invalid_nested_key'],
    ['empty key', { key: '', op: 'set', value: 1 }, 'empty_key'],
  ])('drops %s and reports it', (_name, change, reason) => {
    const built = buildBrazeAttributes(byId, [change, { key: 'kept', op: 'set', value: 1 }], createUsers);
    expect(built.attributes).toEqual({ external_id: 'user-1', kept: 1 });
    expect(built.issues).toEqual([expect.objectContaining({ key: change.key, action: 'dropped', reason })]);
  });

  it('reports a trimmed append but still sends it', () => {
    const values = Array.from({ length: 502 }, (_, i) => i);
    const built = buildBrazeAttributes(byId, [{ key: 'seen', op: 'append', values }], createUsers);
    expect(built.attributes.seen).toEqual({ add: values.slice(2) });
    expect(built.issues).toEqual([expect.objectContaining({ key: 'seen', action: 'changed', reason: 'array_truncated' })]);
  });
});

describe('buildBrazeAttributes: standard fields', () => {
  it.each([
    ['first_name', 'Ada', 'first_name', 'Ada'],
    ['firstName', 'Ada', 'first_name', 'Ada'],
    ['firstname', 'Ada', 'first_name', 'Ada'],
    ['last_name', 'Lovelace', 'last_name', 'Lovelace'],
    ['lastName', 'Lovelace', 'last_name', 'Lovelace'],
    ['email', 'ada@example.com', 'email', 'ada@example.com'],
    ['phone', '+4712345678', 'phone', '+4712345678'],
    ['phoneNumber', 4712345678, 'phone', '4712345678'],
    ['city', 'Oslo', 'home_city', 'Oslo'],
    ['homeCity', 'Oslo', 'home_city', 'Oslo'],
    ['country', 'NO', 'country', 'NO'],
    ['language', 'nb', 'language', 'nb'],
    ['gender', 'female', 'gender', 'F'],
    ['gender', 'M', 'gender', 'M'],
    ['gender', 'Prefer not to say', 'gender', 'P'],
    ['dob', '1990-05-01', 'dob', '1990-05-01'],
    ['dateOfBirth', '1990-05-01T00:00:00Z', 'dob', '1990-05-01'],
    ['time_zone', 'Europe/Oslo', 'time_zone', 'Europe/Oslo'],
    ['timeZone', 'Europe/Oslo', 'time_zone', 'Europe/Oslo'],
    ['First_Name', 'Ada', 'First_Name', 'Ada'],
  ])('%s = %j → %s', (key, value, field, expected) => {
    const built = buildBrazeAttributes(byId, [{ key, op: 'set', value }], createUsers);
    expect(built.attributes).toEqual({ external_id: 'user-1', [field]: expected });
    expect(built.issues).toEqual([]);
  });

  it('removes a standard field with null', () => {
    expect(buildBrazeAttributes(byId, [{ key: 'city', op: 'unset' }], createUsers).attributes).toEqual({ external_id: 'user-1', home_city: null });
  });

  it.each<[string, AttributeChange, string]>([
    ['gender outside Braze codes', { key: 'gender', op: 'set', value: 'robot' }, 'invalid_standard_value'],
    ['dob in another format', { key: 'dob', op: 'set', value: '05/01/1990' }, 'invalid_standard_value'],
    ['numeric first name', { key: 'firstName', op: 'set', value: 7 }, 'invalid_standard_value'],
    ['increment on a standard field', { key: 'country', op: 'increment', delta: 1 }, 'invalid_operation'],
    ['append to a standard field', { key: 'email', op: 'append', values: ['x'] }, 'invalid_operation'],
  ])('drops %s', (_name, change, reason) => {
    const built = buildBrazeAttributes(byId, [change], createUsers);
    expect(built).toEqual({ attributes: byId, fields: [], issues: [expect.objectContaining({ key: change.key, reason })] });
  });

  it('keeps the later of two changes to the same Braze field and reports the earlier', () => {
    const built = buildBrazeAttributes(
      byId,
      [
        { key: 'city', op: 'set', value: 'Oslo' },
        { key: 'home_city', op: 'set', value: 'Bergen' },
      ],
      createUsers,
    );
    expect(built.attributes).toEqual({ external_id: 'user-1', home_city: 'Bergen' });
    expect(built.issues).toEqual([expect.objectContaining({ key: 'city', reason: 'name_collision' })]);
  });
});

describe('buildBrazeAttributes: identifier and control keys', () => {
  it.each(['external_id', 'braze_id', 'user_alias', '_update_existing_only', '_merge_objects', 'push_token_import'])(
    'never writes %s from a user property',
    (key) => {
      const built = buildBrazeAttributes(byId, [{ key, op: 'set', value: 'x' }], createUsers);
      expect(built.attributes).toEqual(byId);
      expect(built.issues).toEqual([expect.objectContaining({ key, reason: 'reserved_key' })]);
    },
  );

  it('does not let an email attribute overwrite an email identifier', () => {
    const built = buildBrazeAttributes({ email: 'a@example.com' }, [{ key: 'email', op: 'set', value: 'b@example.com' }], createUsers);
    expect(built.attributes).toEqual({ email: 'a@example.com' });
    expect(built.issues).toEqual([expect.objectContaining({ key: 'email', reason: 'reserved_key' })]);
  });

  it('sets email as a standard field when the user is identified otherwise', () => {
    const built = buildBrazeAttributes(byId, [{ key: 'email', op: 'set', value: 'b@example.com' }], createUsers);
    expect(built.attributes).toEqual({ external_id: 'user-1', email: 'b@example.com' });
  });
});

describe('buildBrazeAttributes: _update_existing_only', () => {
  const change: AttributeChange[] = [{ key: 'plan', op: 'set', value: 'pro' }];
  it.each([
    ['external_id, creating users', byId, false, undefined],
    ['external_id, update users only', byId, true, true],
    ['email, creating users', { email: 'a@example.com' }, false, undefined],
    ['braze_id, update users only', { braze_id: 'b1' }, true, true],
    ['alias, creating users: explicit false so Braze creates the alias-only profile', byAlias, false, false],
    ['alias, update users only', byAlias, true, true],
  ])('%s', (_name, identifier, updateUsersOnly, expected) => {
    const { attributes } = buildBrazeAttributes(identifier, change, { updateUsersOnly });
    if (expected === undefined) expect(Object.hasOwn(attributes, '_update_existing_only')).toBe(false);
    else expect(attributes._update_existing_only).toBe(expected);
    expect(attributes.plan).toBe('pro');
  });

  it('still returns the alias object with no changes, so an alias-only profile can be created', () => {
    expect(buildBrazeAttributes(byAlias, [], createUsers)).toEqual({
      attributes: { ...byAlias, _update_existing_only: false },
      fields: [],
      issues: [],
    });
  });
});
