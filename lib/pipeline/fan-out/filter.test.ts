import { describe, expect, it } from 'vitest';
import { matchesClause, matchesSelection, type FilterableEvent } from '@/lib/pipeline/fan-out/filter';
import type { WhereClause } from '@/lib/syncs/schema';

const event: FilterableEvent = {
  event_type: 'Purchase',
  user_id: 'user-12345',
  event_properties: { plan: 'Pro', amount: 42, tags: ['a', 'b'], empty: '' },
  user_properties: { country: 'France' },
};

const clause = (c: Partial<WhereClause>): WhereClause => ({ scope: 'event', property: 'plan', operator: 'is', values: [], ...c });

describe('matchesClause', () => {
  it.each([
    [{ operator: 'is', values: ['Pro'] }, true],
    [{ operator: 'is', values: ['pro'] }, false],
    [{ operator: 'is', values: ['Free', 'Pro'] }, true],
    [{ operator: 'is_not', values: ['Pro'] }, false],
    [{ operator: 'is_not', values: ['Free'] }, true],
    [{ operator: 'contains', values: ['RO'] }, true],
    [{ operator: 'does_not_contain', values: ['r'] }, false],
    [{ operator: 'starts_with', values: ['p'] }, true],
    [{ operator: 'starts_with', values: ['ro'] }, false],
    [{ property: 'amount', operator: 'greater_than', values: ['41.5'] }, true],
    [{ property: 'amount', operator: 'greater_than', values: ['42'] }, false],
    [{ property: 'amount', operator: 'less_than', values: ['100'] }, true],
    [{ property: 'amount', operator: 'less_than', values: ['abc'] }, false],
    [{ property: 'missing', operator: 'less_than', values: ['1'] }, false],
    [{ property: 'tags', operator: 'is', values: ['b'] }, true],
    [{ property: 'empty', operator: 'is_set' }, false],
    [{ property: 'plan', operator: 'is_set' }, true],
    [{ property: 'missing', operator: 'is_not_set' }, true],
    [{ property: 'missing', operator: 'is', values: [''] }, false],
    [{ scope: 'user', property: 'country', operator: 'is', values: ['France'] }, true],
    [{ scope: 'field', property: 'user_id', operator: 'is_set' }, true],
    [{ scope: 'field', property: 'device_id', operator: 'is_set' }, false],
    [{ scope: 'event', property: '__proto__', operator: 'is_set' }, false],
  ] as const)('%o → %s', (partial, expected) => {
    expect(matchesClause(event, clause(partial as Partial<WhereClause>))).toBe(expected);
  });
});

describe('matchesSelection', () => {
  it('ORs rules and ANDs clauses', () => {
    const selection = {
      rules: [
        { eventType: 'Signup', where: [] },
        { eventType: 'Purchase', where: [clause({ values: ['Pro'] }), clause({ property: 'amount', operator: 'greater_than', values: ['50'] })] },
      ],
    };
    expect(matchesSelection(event, selection)).toBe(false);
    selection.rules[1]!.where[1] = clause({ property: 'amount', operator: 'greater_than', values: ['10'] });
    expect(matchesSelection(event, selection)).toBe(true);
  });

  it('null event type means all events; no rules means nothing', () => {
    expect(matchesSelection(event, { rules: [{ eventType: null, where: [] }] })).toBe(true);
    expect(matchesSelection(event, { rules: [] })).toBe(false);
  });
});
