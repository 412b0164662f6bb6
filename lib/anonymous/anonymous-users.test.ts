import { describe, expect, it } from 'vitest';
import type { AmplitudeEvent } from '@/lib/amplitude';
import { buildItemsForSync } from '@/lib/pipeline/fan-out/build-items';
import type { UserModel } from '@/lib/users/profile-store';
import { runtimeSync } from '@/test/runtime-sync';

const time = Date.UTC(2026, 0, 2, 3, 4, 5);
const ev = (e: Partial<AmplitudeEvent>): AmplitudeEvent => ({ event_type: 'Viewed', time, ...e }) as AmplitudeEvent;
const alias = (name: string, label = 'amplitude_device_id') => ({ user_alias: { alias_name: name, alias_label: label } });
const anonymous = runtimeSync({ sendAnonymousUsers: true, appId: undefined });

describe('Send anonymous users', () => {
  it('sends an anonymous event under its device alias, after the object that creates the alias-only profile', () => {
    const out = buildItemsForSync(anonymous, [ev({ device_id: 'dev-1' })], 0);
    expect(out.skipped).toBe(0);
    expect(out.items.map((i) => [i.kind, i.object, i.userKey])).toEqual([
      ['attributes', { ...alias('dev-1'), _update_existing_only: false }, 'd:dev-1'],
      ['events', { ...alias('dev-1'), name: 'Viewed', time: '2026-01-02T03:04:05.000Z' }, 'd:dev-1'],
    ]);
    expect(out.anonymous).toEqual({ anonymousDevices: ['dev-1'], identifyCandidates: [] });
  });

  it('creates no profile for a User Alias mapping: only anonymous devices get one', () => {
    const sync = runtimeSync({ sendAnonymousUsers: true, identifier: { property: 'device_id', type: 'USER_ALIAS', aliasLabel: 'crm' } });
    const out = buildItemsForSync(sync, [ev({ device_id: 'dev-1' })], 0);
    expect(out.items.map((i) => [i.kind, i.object])).toEqual([['events', expect.objectContaining(alias('dev-1', 'crm'))]]);
  });

  it('skips anonymous events when off, as before', () => {
    const out = buildItemsForSync(runtimeSync(), [ev({ device_id: 'dev-1' })], 0);
    expect(out).toMatchObject({ skipped: 1, items: [], anonymous: { anonymousDevices: [] } });
  });

  it('uses the configured alias label', () => {
    const out = buildItemsForSync(runtimeSync({ sendAnonymousUsers: true, anonymousAliasLabel: 'web_device' }), [ev({ device_id: 'dev-1' })], 0);
    expect(out.items[1]!.object).toMatchObject(alias('dev-1', 'web_device'));
  });

  it('creates no profile under Update Users Only: the event reaches only an alias profile that exists', () => {
    const out = buildItemsForSync(runtimeSync({ sendAnonymousUsers: true, updateUsersOnly: true }), [ev({ device_id: 'dev-1' })], 0);
    expect(out.items.map((i) => i.object)).toEqual([expect.objectContaining({ ...alias('dev-1'), _update_existing_only: true })]);
  });

  it("sends a device's anonymous events as its user's when the same request identifies it, and proposes the identify", () => {
    const out = buildItemsForSync(anonymous, [ev({ device_id: 'dev-1' }), ev({ device_id: 'dev-1', user_id: 'ada', event_type: 'Signed Up' })], 0);
    expect(out.items.map((i) => [i.object, i.userKey])).toEqual([
      [expect.objectContaining({ external_id: 'ada', name: 'Viewed' }), 'u:ada'],
      [expect.objectContaining({ external_id: 'ada', name: 'Signed Up' }), 'u:ada'],
    ]);
    expect(out.anonymous).toEqual({ anonymousDevices: [], identifyCandidates: [{ deviceId: 'dev-1', externalId: 'ada', userKey: 'u:ada' }] });
  });

  it('proposes no identify when the mapping is not external_id based, yet still sends anonymous users', () => {
    const sync = runtimeSync({ sendAnonymousUsers: true, identifier: { property: 'email', type: 'EMAIL' } });
    const out = buildItemsForSync(sync, [ev({ device_id: 'dev-1' }), ev({ device_id: 'dev-2', user_id: 'ada', user_properties: { email: 'ada@example.com' } })], 0);
    expect(out.anonymous).toEqual({ anonymousDevices: ['dev-1'], identifyCandidates: [] });
    expect(out.items.map((i) => i.object)).toEqual([
      expect.objectContaining(alias('dev-1')),
      expect.objectContaining(alias('dev-1')),
      expect.objectContaining({ email: 'ada@example.com' }),
    ]);
  });

  it("sends an anonymous device's user updates under its alias, creating the profile with them", () => {
    const users: UserModel = { changes: new Map([[0, [{ key: 'plan', op: 'set', value: 'free' }]]]), views: new Map() };
    const sync = runtimeSync({ sendAnonymousUsers: true, sendUsers: true, userProperties: ['plan'] });
    const out = buildItemsForSync(sync, [ev({ device_id: 'dev-1' })], 0, users);
    expect(out.items.map((i) => [i.kind, i.object])).toEqual([
      ['attributes', { ...alias('dev-1'), plan: 'free', _update_existing_only: false }],
      ['events', expect.objectContaining(alias('dev-1'))],
    ]);
  });
});
