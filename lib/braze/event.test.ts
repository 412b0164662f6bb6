import { describe, expect, it } from 'vitest';
import { buildBrazeEvent } from '@/lib/braze/event';
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
