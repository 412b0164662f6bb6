import { describe, expect, it } from 'vitest';
import { convertExportLines, parseExportTime } from '@/lib/import/export-event';

describe('parseExportTime', () => {
  it.each([
    ['2026-03-01 09:15:30.123456', Date.UTC(2026, 2, 1, 9, 15, 30, 123)],
    ['2026-03-01 09:15:30', Date.UTC(2026, 2, 1, 9, 15, 30)],
    ['2026-03-01T09:15:30.5Z', Date.UTC(2026, 2, 1, 9, 15, 30, 500)],
  ])('reads %s as UTC', (text, expected) => {
    expect(parseExportTime(text)).toBe(expected);
  });

  it.each([[null], [1700000000000], ['yesterday'], ['2026-03-01']])('refuses %s', (value) => {
    expect(parseExportTime(value)).toBeNull();
  });
});

describe('convertExportLines', () => {
  const exported = {
    $insert_id: 'ins-1',
    event_type: 'Purchase',
    event_time: '2026-03-01 09:15:30.000000',
    client_event_time: '2026-03-01 09:15:29.000000',
    user_id: 'user-1',
    device_id: 'device-1',
    ip_address: '192.0.2.1',
    device_carrier: 'Acme',
    event_properties: { sku: 'a' },
    user_properties: { plan: 'pro' },
    group_properties: { org: { size: 3 } },
    amplitude_id: 42,
    uuid: 'u-1',
    paying: null,
  };

  it('turns an exported event into the HTTP V2 event live traffic sends', () => {
    const { events, invalid } = convertExportLines([JSON.stringify(exported)]);
    expect(invalid).toBe(0);
    expect(events).toEqual([
      {
        insert_id: 'ins-1',
        event_type: 'Purchase',
        time: Date.UTC(2026, 2, 1, 9, 15, 30),
        user_id: 'user-1',
        device_id: 'device-1',
        ip: '192.0.2.1',
        carrier: 'Acme',
        event_properties: { sku: 'a' },
        user_properties: { plan: 'pro' },
      },
    ]);
  });

  it('counts lines that are not events and keeps the rest', () => {
    const lines = ['not json', '[1,2]', JSON.stringify({ ...exported, event_time: 'never', client_event_time: undefined }), JSON.stringify({ ...exported, user_id: undefined, device_id: undefined }), JSON.stringify(exported)];
    const { events, invalid } = convertExportLines(lines);
    expect(invalid).toBe(4);
    expect(events.map((e) => e.insert_id)).toEqual(['ins-1']);
  });

  it('falls back to the client event time', () => {
    const { events } = convertExportLines([JSON.stringify({ ...exported, event_time: undefined })]);
    expect(events[0]!.time).toBe(Date.UTC(2026, 2, 1, 9, 15, 29));
  });
});
