import { describe, expect, it } from 'vitest';
import type { AmplitudeEvent } from '@/lib/amplitude';
import { buildItemsForSync } from '@/lib/pipeline/fan-out/build-items';
import { runtimeSync } from '@/test/runtime-sync';

const time = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const ev = (e: Partial<AmplitudeEvent>): AmplitudeEvent => ({ event_type: 'Purchase', time, ...e }) as AmplitudeEvent;

describe('buildItemsForSync', () => {
  it('maps events to Braze custom events with external_id, name, ISO time and app_id', () => {
    const out = buildItemsForSync(runtimeSync(), [ev({ user_id: 'user-1', insert_id: 'i1' })], 42);
    expect(out.items).toEqual([
      {
        kind: 'events',
        object: { external_id: 'user-1', name: 'Purchase', time: '2026-01-02T03:04:05.678Z', app_id: 'app-1' },
        receivedAt: 42,
        eventType: 'Purchase',
        userId: 'user-1',
        insertId: 'i1',
      },
    ]);
  });

  it('counts events without the mapped identifier as skipped and unselected ones as filtered', () => {
    const sync = runtimeSync({ eventSelection: { rules: [{ eventType: 'Purchase', where: [] }] } });
    const out = buildItemsForSync(sync, [ev({ device_id: 'device-1' }), ev({ user_id: 'u-1', event_type: 'Other' }), ev({ user_id: 'u-2' })], 0);
    expect(out).toMatchObject({ skipped: 1, filtered: 1 });
    expect(out.items).toHaveLength(1);
  });

  it('sends only the selected properties and honours Update Users Only and the alias mapping', () => {
    const sync = runtimeSync({
      identifier: { property: 'device_id', type: 'USER_ALIAS', aliasLabel: 'amplitude_device' },
      updateUsersOnly: true,
      eventProperties: { eventProperties: ['plan'], userProperties: ['country'] },
    });
    const out = buildItemsForSync(sync, [ev({ device_id: 'dev-12345', event_properties: { plan: 'pro', secret: 1 }, user_properties: { country: 'FR', age: 3 } })], 0);
    expect(out.items[0]!.object).toEqual({
      user_alias: { alias_name: 'dev-12345', alias_label: 'amplitude_device' },
      app_id: 'app-1',
      name: 'Purchase',
      time: '2026-01-02T03:04:05.678Z',
      properties: { plan: 'pro', country: 'FR' },
      _update_existing_only: true,
    });
  });

  it('does not send identify calls as events, nor anything when Send Events is off', () => {
    expect(buildItemsForSync(runtimeSync(), [ev({ event_type: '$identify', user_id: 'u-1' })], 0).items).toEqual([]);
    const off = buildItemsForSync(runtimeSync({ sendEvents: false }), [ev({ user_id: 'u-1' })], 0);
    expect(off).toMatchObject({ items: [], filtered: 1 });
  });

  it('sends user properties named like Object properties as plain attributes', () => {
    const names = ['constructor', '__proto__', 'toString'];
    const sync = runtimeSync({ sendUsers: true, userProperties: names });
    const changes = new Map([[0, names.map((key) => ({ key, op: 'set' as const, value: `v-${key}` }))]]);
    const out = buildItemsForSync(sync, [ev({ user_id: 'u-1', event_type: '$identify' })], 0, { changes, views: new Map() }, new Map([['u:u-1', {}]]));
    expect(out.items).toHaveLength(1);
    const item = out.items[0]!;
    expect(Object.keys(item.remember!.set).sort()).toEqual([...names].sort());
    for (const name of names) expect(Object.getOwnPropertyDescriptor(item.object, name)?.value).toBe(`v-${name}`);
  });
});
