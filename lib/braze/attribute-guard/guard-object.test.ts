import { describe, expect, it } from 'vitest';
import { coerceToType, guardAttributesObject, isDateLike, typeOfValue, type AttributeRule, type GuardType } from '@/lib/braze/attribute-guard';

const declared = (type: GuardType | null, extra: Partial<AttributeRule> = {}): AttributeRule => ({
  type, arrayLength: null, blocklisted: false, source: 'declared', ...extra,
});

describe('coerceToType: lossless only', () => {
  it.each<[unknown, GuardType, unknown]>([
    ['42', 'Number', 42],
    ['-1.5', 'Number', -1.5],
    ['true', 'Boolean', true],
    ['false', 'Boolean', false],
    [42, 'String', '42'],
    [true, 'String', 'true'],
    ['2024-05-01T10:00:00Z', 'Time', '2024-05-01T10:00:00Z'],
    ['2024-05-01', 'String', '2024-05-01'],
    [{ inc: 2 }, 'Number', { inc: 2 }],
    [{ add: ['x'] }, 'Array', { add: ['x'] }],
    [null, 'Number', null],
  ])('%j as %s → %j', (value, type, expected) => {
    expect(coerceToType(value as never, type)).toMatchObject({ ok: true, value: expected });
  });

  it.each<[unknown, GuardType]>([
    ['forty', 'Number'],
    ['042', 'Number'],
    ['1e3', 'Number'],
    ['yes', 'Boolean'],
    [1, 'Boolean'],
    [1714557600, 'Time'],
    ['soon', 'Time'],
    [['a'], 'String'],
    [{ a: 1 }, 'Array'],
    [{ inc: 1 }, 'String'],
  ])('refuses %j as %s', (value, type) => {
    expect(coerceToType(value as never, type)).toMatchObject({ ok: false, detail: expect.stringContaining('cannot become one without loss') });
  });
});

describe('typeOfValue and isDateLike', () => {
  it.each<[unknown, GuardType | null]>([
    [3, 'Number'], ['x', 'String'], ['2024-05-01', 'Time'], [true, 'Boolean'], [['a'], 'Array'], [[{ a: 1 }], 'Object Array'],
    [{ a: 1 }, 'Object'], [{ $add: [{ a: 1 }] }, 'Object Array'], [{ remove: ['a'] }, 'Array'], [null, null],
  ])('%j is %s', (value, type) => expect(typeOfValue(value as never)).toBe(type));

  it('knows dates from text', () => {
    expect(['2024-05-01', '2024-05-01T10:00:00.123+02:00', '2024-05-01 10:00'].every(isDateLike)).toBe(true);
    expect(['2024-13-45', 'May 1st', '20240501', '2024-05-01T'].some(isDateLike)).toBe(false);
  });
});

describe('guardAttributesObject', () => {
  const rules = new Map<string, AttributeRule>([
    ['age', declared('Number')],
    ['secret', declared('String', { blocklisted: true })],
    ['tags', declared('Array', { arrayLength: 2 })],
    ['legacy', declared(null)],
  ]);
  const guard = (object: Record<string, unknown>) => guardAttributesObject(object, (f) => rules.get(f));

  it('holds back only the offending attribute, converts the others, leaves standard fields alone', () => {
    const out = guard({ external_id: 'u1', email: 'a@b.co', age: '42', secret: 's', tags: ['a', 'b', 'c'], legacy: 5, mood: 'ok', email_subscribe: 'opted_in' });
    expect(out.object).toEqual({ external_id: 'u1', email: 'a@b.co', age: 42, tags: ['b', 'c'], legacy: 5, mood: 'ok', email_subscribe: 'opted_in' });
    expect(out.heldBack).toEqual([{ field: 'secret', reason: '"secret" is blocklisted in Braze, so it is never sent' }]);
    expect(out.coerced).toEqual(['age']);
    // Only attributes no rule knows are reported as first types.
    expect(out.firstTypes).toEqual([{ field: 'mood', type: 'String' }]);
  });

  it('says why a value is held back, by where its type came from', () => {
    expect(guard({ external_id: 'u1', age: 'old' }).heldBack[0]!.reason).toBe('"age" is a Number attribute in Braze; "old" is not a number and cannot become one without loss');
    const first = guardAttributesObject({ external_id: 'u1', age: 'old' }, () => ({ ...declared('Number'), source: 'first_type' }));
    expect(first.heldBack[0]!.reason).toContain('"age" was first sent to Braze as Number, and changing an attribute\'s type drops users from segments');
  });

  it('keeps an attribute named __proto__ an attribute', () => {
    const object = JSON.parse('{"external_id":"u1","__proto__":"x"}') as Record<string, unknown>;
    expect(Object.hasOwn(guard(object).object, '__proto__')).toBe(true);
  });
});
