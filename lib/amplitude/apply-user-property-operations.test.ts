import { describe, expect, it } from 'vitest';
import { applyUserPropertyOperations } from '@/lib/amplitude/apply-user-property-operations';

describe('applyUserPropertyOperations', () => {
  it.each([
    ['$set', { a: 1 }, { $set: { a: 2, b: 'x' } }, { a: 2, b: 'x' }, [{ key: 'a', op: 'set', value: 2 }, { key: 'b', op: 'set', value: 'x' }]],
    ['plain keys as $set', { a: 1 }, { a: 2 }, { a: 2 }, [{ key: 'a', op: 'set', value: 2 }]],
    ['$setOnce on a new property', {}, { $setOnce: { a: 1 } }, { a: 1 }, [{ key: 'a', op: 'set', value: 1 }]],
    ['$setOnce on a set property', { a: 1 }, { $setOnce: { a: 2 } }, { a: 1 }, []],
    ['$setOnce on a property set to null', { a: null }, { $setOnce: { a: 2 } }, { a: null }, []],
    ['$add to a number', { n: 2 }, { $add: { n: 3 } }, { n: 5 }, [{ key: 'n', op: 'add', delta: 3, value: 5 }]],
    ['$add to a missing property', {}, { $add: { n: -1.5 } }, { n: -1.5 }, [{ key: 'n', op: 'add', delta: -1.5, value: -1.5 }]],
    ['$add to a string property', { n: 'x' }, { $add: { n: 1 } }, { n: 'x' }, []],
    ['$add with a non-number', { n: 1 }, { $add: { n: '2' } }, { n: 1 }, []],
    ['$append to a list', { l: [1] }, { $append: { l: [2, 3] } }, { l: [1, 2, 3] }, [{ key: 'l', op: 'append', values: [2, 3], value: [1, 2, 3] }]],
    ['$append a single value to a scalar', { l: 'a' }, { $append: { l: 'b' } }, { l: ['a', 'b'] }, [{ key: 'l', op: 'append', values: ['b'], value: ['a', 'b'] }]],
    ['$append to a missing property', {}, { $append: { l: 1 } }, { l: [1] }, [{ key: 'l', op: 'append', values: [1], value: [1] }]],
    ['$prepend', { l: [3] }, { $prepend: { l: [1, 2] } }, { l: [1, 2, 3] }, [{ key: 'l', op: 'prepend', values: [1, 2], value: [1, 2, 3] }]],
    ['$unset', { a: 1, b: 2 }, { $unset: { a: '-' } }, { b: 2 }, [{ key: 'a', op: 'unset' }]],
    ['$unset of an unknown property (still reported)', {}, { $unset: { a: '-' } }, {}, [{ key: 'a', op: 'unset' }]],
    ['$unset as a list of keys', { a: 1, b: 2 }, { $unset: ['a', 3] }, { b: 2 }, [{ key: 'a', op: 'unset' }]],
    [
      '$preInsert keeps only missing values, list order kept',
      { l: [2] },
      { $preInsert: { l: [1, 2, 3, 1] } },
      { l: [1, 3, 2] },
      [{ key: 'l', op: 'pre-insert', values: [1, 3], value: [1, 3, 2] }],
    ],
    [
      '$postInsert compares objects by value',
      { l: [{ id: 1 }] },
      { $postInsert: { l: [{ id: 1 }, { id: 2 }] } },
      { l: [{ id: 1 }, { id: 2 }] },
      [{ key: 'l', op: 'post-insert', values: [{ id: 2 }], value: [{ id: 1 }, { id: 2 }] }],
    ],
    ['$postInsert of values already present', { l: ['a'] }, { $postInsert: { l: 'a' } }, { l: ['a'] }, []],
    [
      '$remove every instance',
      { l: ['a', 'b', 'a', 'c'] },
      { $remove: { l: ['a', 'c'] } },
      { l: ['b'] },
      [{ key: 'l', op: 'remove', values: ['a', 'c'], value: ['b'] }],
    ],
    ['$remove from a missing property', {}, { $remove: { l: 'a' } }, {}, [{ key: 'l', op: 'remove', values: ['a'], value: undefined }]],
    ['$clearAll', { a: 1, b: 2 }, { $clearAll: '-' }, {}, [{ key: 'a', op: 'unset' }, { key: 'b', op: 'unset' }]],
    ['$clearAll voids other operations', { a: 1 }, { $set: { b: 1 }, $clearAll: '-' }, {}, [{ key: 'a', op: 'unset' }]],
    [
      'the first operation in Amplitude order claims a property',
      { a: 1 },
      { $add: { a: 5 }, $set: { a: 10 }, $unset: { b: '-' }, $append: { b: 1 } },
      { a: 10 },
      [{ key: 'b', op: 'unset' }, { key: 'a', op: 'set', value: 10 }],
    ],
    ['an explicit $set wins over a plain key', {}, { a: 'plain', $set: { a: 'explicit' } }, { a: 'explicit' }, [{ key: 'a', op: 'set', value: 'explicit' }]],
    ['an invalid $add does not claim the property', { n: 1 }, { $add: { n: 'x' }, $append: { n: 2 } }, { n: [1, 2] }, [{ key: 'n', op: 'append', values: [2], value: [1, 2] }]],
    ['unknown $ keys are ignored', { a: 1 }, { $merge: { a: 2 } }, { a: 1 }, []],
    ['an operation whose value is not an object is ignored', { a: 1 }, { $set: 'a' }, { a: 1 }, []],
  ])('%s', (_name, current, userProperties, next, changes) => {
    const result = applyUserPropertyOperations(current, userProperties);
    expect(result.next).toEqual(next);
    expect(result.changes).toEqual(changes);
  });

  it('does not mutate its inputs', () => {
    const current = { l: [1], n: 1 };
    const userProperties = { $append: { l: 2 }, $add: { n: 1 } };
    applyUserPropertyOperations(current, userProperties);
    expect(current).toEqual({ l: [1], n: 1 });
    expect(userProperties).toEqual({ $append: { l: 2 }, $add: { n: 1 } });
  });

  it('treats __proto__ and constructor as data keys', () => {
    const userProperties = JSON.parse('{"$set":{"__proto__":{"polluted":true},"constructor":"c"},"$add":{"toString":1}}');
    const { next, changes } = applyUserPropertyOperations(JSON.parse('{"hasOwnProperty":"h"}'), userProperties);
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(Object.keys(next)).toEqual(['hasOwnProperty', '__proto__', 'constructor', 'toString']);
    expect(Object.getOwnPropertyDescriptor(next, '__proto__')?.value).toEqual({ polluted: true });
    expect(next.toString).toBe(1);
    expect(changes.map((change) => change.key)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps an own `__proto__` of the current properties as data, whatever changes around it', () => {
    const current = JSON.parse('{"a":1,"__proto__":{"x":1},"b":2}');
    const { next } = applyUserPropertyOperations(current, { $set: { c: 3 }, $unset: { a: '-' } });
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(Object.keys(next)).toEqual(['__proto__', 'b', 'c']);
    expect(Object.getOwnPropertyDescriptor(next, '__proto__')?.value).toEqual({ x: 1 });
    expect(JSON.stringify(next)).toBe('{"__proto__":{"x":1},"b":2,"c":3}');
    const unset = applyUserPropertyOperations(current, JSON.parse('{"$unset":{"__proto__":"-"}}'));
    expect(Object.keys(unset.next)).toEqual(['a', 'b']);
    const cleared = applyUserPropertyOperations(current, { $clearAll: '-' });
    expect(cleared.changes).toEqual([{ key: 'a', op: 'unset' }, { key: '__proto__', op: 'unset' }, { key: 'b', op: 'unset' }]);
  });

  it('keeps the key order of the current properties, new keys last, integer keys first', () => {
    const { next } = applyUserPropertyOperations({ b: 1, a: 2, 2: 'two' }, { $set: { c: 3, b: 4, 1: 'one' }, $unset: { a: '-' } });
    expect(Object.keys(next)).toEqual(['1', '2', 'b', 'c']);
    expect(next).toEqual({ 1: 'one', 2: 'two', b: 4, c: 3 });
  });

  it('$clearAll reports every current property, takes no other operation and leaves nothing', () => {
    const current = { a: 1, b: [2] };
    const { next, changes } = applyUserPropertyOperations(current, { $clearAll: '-', $set: { c: 1 }, d: 2, $unset: ['a'] });
    expect(next).toEqual({});
    expect(next).not.toBe(current);
    expect(changes).toEqual([{ key: 'a', op: 'unset' }, { key: 'b', op: 'unset' }]);
    expect(current).toEqual({ a: 1, b: [2] });
  });

  it('claims a property named twice in a $unset list, or by a plain key and an operation, once', () => {
    expect(applyUserPropertyOperations({ a: 1 }, { $unset: ['a', 'a'] }).changes).toEqual([{ key: 'a', op: 'unset' }]);
    expect(applyUserPropertyOperations({}, { a: 1, $setOnce: { a: 2 }, b: 3 }).changes).toEqual([
      { key: 'a', op: 'set', value: 1 },
      { key: 'b', op: 'set', value: 3 },
    ]);
  });

  it('hands back the current properties when no value changes, a copy as soon as one does', () => {
    const current = { plan: 'pro', n: 1 };
    const same = applyUserPropertyOperations(current, { $set: { plan: 'pro' }, $setOnce: { n: 5 }, $unset: { gone: '-' } });
    expect(same.next).toBe(current);
    expect(same.changes).toEqual([{ key: 'gone', op: 'unset' }, { key: 'plan', op: 'set', value: 'pro' }]);
    const changed = applyUserPropertyOperations(current, { $set: { plan: 'pro', n: 2 } });
    expect(changed.next).not.toBe(current);
    expect(changed.next).toEqual({ plan: 'pro', n: 2 });
    expect(current).toEqual({ plan: 'pro', n: 1 });
  });

  it("never changes an earlier event's result: each is a snapshot of its user's properties", () => {
    const views: Record<string, unknown>[] = [];
    let properties: Record<string, unknown> = { plan: 'free', tags: ['a'] };
    for (const ops of [
      { $set: { plan: 'pro' } },
      { $append: { tags: 'b' } },
      { $set: { plan: 'pro' } },
      { $unset: { plan: '-' } },
      { $add: { n: 1 } },
      { $clearAll: '-' },
      { $set: { plan: 'team' } },
    ]) {
      properties = applyUserPropertyOperations(properties, ops).next;
      views.push(properties);
    }
    expect(views.map((v) => JSON.stringify(v))).toEqual([
      '{"plan":"pro","tags":["a"]}',
      '{"plan":"pro","tags":["a","b"]}',
      '{"plan":"pro","tags":["a","b"]}',
      '{"tags":["a","b"]}',
      '{"tags":["a","b"],"n":1}',
      '{}',
      '{"plan":"team"}',
    ]);
  });

  it('does not read inherited members as current values', () => {
    // `constructor` exists on every object's prototype; $setOnce must still see it as unset.
    expect(applyUserPropertyOperations({}, { $setOnce: { constructor: 'x' } }).changes).toEqual([{ key: 'constructor', op: 'set', value: 'x' }]);
  });
});
