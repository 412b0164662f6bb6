import { describe, expect, it } from 'vitest';
import { cacheEntry } from '@/lib/pipeline/state/attribute-cache';
import { pruneSupersededAttributes } from '@/lib/pipeline/deliver/superseded-attributes';
import type { DeliverItem } from '@/lib/queue/contracts';

const attrs = (set: Record<string, unknown>, time: number): DeliverItem => ({
  kind: 'attributes',
  object: { external_id: 'u1', ...set },
  receivedAt: 0,
  remember: { userKey: 'u:u1', set: Object.fromEntries(Object.entries(set).map(([k, v]) => [k, cacheEntry(time, v)])), unset: [] },
});

describe('pruneSupersededAttributes', () => {
  const event: DeliverItem = { kind: 'events', object: { external_id: 'u1', name: 'E', time: 'x' }, receivedAt: 0 };

  it('removes only the attributes a newer event already set, and drops items left empty', () => {
    const sent = new Map([['u:u1', { plan: cacheEntry(200, 'new'), city: cacheEntry(50, 'Paris') }]]);
    const older = attrs({ plan: 'old', home_city: 'Lyon' }, 100);
    const onlyPlan = attrs({ plan: 'older' }, 10);
    const out = pruneSupersededAttributes([older, event, onlyPlan], sent);
    expect(out.superseded).toBe(2);
    expect(out.items).toHaveLength(2);
    expect(out.items[0]!.object).toEqual({ external_id: 'u1', home_city: 'Lyon' });
    expect(Object.keys(out.items[0]!.remember!.set)).toEqual(['home_city']);
    expect(out.items[1]).toBe(event);
  });

  it('keeps everything when nothing newer was sent', () => {
    const item = attrs({ plan: 'a' }, 100);
    expect(pruneSupersededAttributes([item], new Map()).items).toEqual([item]);
  });

  it('treats attributes named like Object properties as plain attributes', () => {
    const names = ['constructor', '__proto__', 'toString'];
    const item: DeliverItem = {
      kind: 'attributes',
      object: { external_id: 'u1' },
      receivedAt: 0,
      remember: { userKey: 'u:u1', set: Object.fromEntries(names.map((n) => [n, cacheEntry(100, 'v')])), unset: [] },
    };
    const out = pruneSupersededAttributes([item], new Map([['u:u1', {}]]));
    expect(out.superseded).toBe(0);
    expect(Object.keys(out.items[0]!.remember!.set).sort()).toEqual([...names].sort());
  });
});
