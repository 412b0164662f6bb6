import { describe, expect, it } from 'vitest';
import { buildBrazeEvent, toIsoTime } from '@/lib/braze/event';
import { brazeEventObjectSchema } from '@/lib/braze/schemas';
import type { SourceEvent } from '@/lib/braze/source-event';

const source: SourceEvent = { event_type: 'Song Played', time: Date.UTC(2024, 2, 5, 10, 20, 30, 456) };
const identifier = { external_id: 'user-1' };

describe('buildBrazeEvent', () => {
  it.each([
    ['minimal', {}, { external_id: 'user-1', name: 'Song Played', time: '2024-03-05T10:20:30.456Z' }],
    ['with app_id', { appId: 'app-123' }, { external_id: 'user-1', app_id: 'app-123', name: 'Song Played', time: '2024-03-05T10:20:30.456Z' }],
    ['empty app_id left out', { appId: '' }, { external_id: 'user-1', name: 'Song Played', time: '2024-03-05T10:20:30.456Z' }],
    [
      'with properties',
      { properties: { genre: 'jazz', seconds: 30 } },
      { external_id: 'user-1', name: 'Song Played', time: '2024-03-05T10:20:30.456Z', properties: { genre: 'jazz', seconds: 30 } },
    ],
    ['empty properties left out', { properties: {} }, { external_id: 'user-1', name: 'Song Played', time: '2024-03-05T10:20:30.456Z' }],
    [
      'update existing only',
      { updateExistingOnly: true },
      { external_id: 'user-1', name: 'Song Played', time: '2024-03-05T10:20:30.456Z', _update_existing_only: true },
    ],
    ['update existing only false left out', { updateExistingOnly: false }, { external_id: 'user-1', name: 'Song Played', time: '2024-03-05T10:20:30.456Z' }],
  ])('%s', (_name, options, expected) => {
    const built = buildBrazeEvent(source, { identifier, ...options });
    expect(built).toEqual({ ok: true, event: expected, issues: [] });
    if (built.ok) expect(Object.keys(built.event)).toEqual(Object.keys(expected));
    if (built.ok) expect(brazeEventObjectSchema.safeParse(built.event).success).toBe(true);
  });

  it('applies the property rules and returns what it dropped', () => {
    const built = buildBrazeEvent(source, { identifier, properties: { $x: 1, time: 2 } });
    expect(built).toEqual({
      ok: true,
      event: { external_id: 'user-1', name: 'Song Played', time: '2024-03-05T10:20:30.456Z' },
      issues: [expect.objectContaining({ key: '$x', reason: 'dollar_key' }), expect.objectContaining({ key: 'time', reason: 'reserved_key' })],
    });
  });

  it('writes every field in order when all are present', () => {
    const built = buildBrazeEvent(source, { identifier, appId: 'app-1', properties: { b: 1, a: [2] }, updateExistingOnly: true });
    expect(built.ok && JSON.stringify(built.event)).toBe(
      '{"external_id":"user-1","app_id":"app-1","name":"Song Played","time":"2024-03-05T10:20:30.456Z","properties":{"b":1,"a":[2]},"_update_existing_only":true}',
    );
  });

  it('uses the alias identifier as given', () => {
    const alias = { user_alias: { alias_name: 'a', alias_label: 'b' } };
    const built = buildBrazeEvent(source, { identifier: alias });
    expect(built.ok && built.event).toMatchObject(alias);
  });

  it.each([
    ['empty event_type', { event_type: ' ', time: 0 }],
    ['NaN time', { event_type: 'e', time: Number.NaN }],
    ['time beyond Date range', { event_type: 'e', time: 9e15 }],
  ])('refuses %s with a reason', (_name, event) => {
    expect(buildBrazeEvent(event, { identifier })).toEqual({ ok: false, reason: expect.stringMatching(/\S/) });
  });
});

describe('toIsoTime', () => {
  it.each([
    0, -0, 0.9, -0.9, 1, 999, 1000, 86_399_999, 86_400_000, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 1, 28, 12),
    Date.UTC(2100, 2, 1), Date.UTC(2024, 11, 31, 23, 59, 59, 999), 1_700_000_000_123.75, Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    Date.UTC(10_000, 0, 1), -1, -86_400_001, Date.UTC(-1, 0, 1), 8.64e15, -8.64e15,
  ])('writes %s as toISOString does', (time) => {
    expect(toIsoTime(time)).toBe(new Date(time).toISOString());
  });

  it('writes the first and last millisecond of every day from 1970 to 2300 as toISOString does', () => {
    const day = 86_400_000;
    for (let time = 0; time < Date.UTC(2300, 0, 1); time += day) {
      if (toIsoTime(time) !== new Date(time).toISOString()) expect(toIsoTime(time)).toBe(new Date(time).toISOString());
      const last = time + day - 1;
      if (toIsoTime(last) !== new Date(last).toISOString()) expect(toIsoTime(last)).toBe(new Date(last).toISOString());
    }
  });

  it('writes times spread over its whole range as toISOString does', () => {
    let random = 7;
    for (let i = 0; i < 100_000; i++) {
      random = (random * 48_271) % 2_147_483_647;
      const time = (random / 2_147_483_647) * 2 * 8.64e15 - 8.64e15;
      const small = time / 34.1;
      for (const t of [time, small, Math.floor(small)]) {
        if (toIsoTime(t) !== new Date(t).toISOString()) expect(toIsoTime(t)).toBe(new Date(t).toISOString());
      }
    }
  });
});

