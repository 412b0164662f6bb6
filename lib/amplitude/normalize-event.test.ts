import { describe, expect, it } from 'vitest';
import { createEventIssues } from '@/lib/amplitude/event-issues';
import { normalizeEvent, type EventRules } from '@/lib/amplitude/normalize-event';

const NOW = 1_700_000_000_000;
const rules: EventRules = { minIdLength: 5, now: NOW, maxDepth: 40, maxStringLength: 1024 };
const base = { event_type: 'Signed Up', user_id: 'user-1' };

function normalize(raw: unknown, overrides: Partial<EventRules> = {}) {
  const issues = createEventIssues();
  const event = normalizeEvent(raw, 7, { ...rules, ...overrides }, issues);
  return { event, issues };
}

/** Issues of a lone event at index 7, as the 400 body would list them. */
function issuesFor(
  invalidFields: Record<string, number[]> = {},
  missingFields: Record<string, number[]> = {},
  invalidIdLengths: Record<string, number[]> = {},
) {
  return { invalidFields, missingFields, invalidIdLengths };
}

describe('normalizeEvent rejects', () => {
  it.each([
    ['a non-object entry', 'click', issuesFor({ event: [7] })],
    ['an array entry', [base], issuesFor({ event: [7] })],
    ['a missing event_type', { user_id: 'user-1' }, issuesFor({}, { event_type: [7] })],
    ['a null event_type', { ...base, event_type: null }, issuesFor({}, { event_type: [7] })],
    ['an empty event_type', { ...base, event_type: '' }, issuesFor({ event_type: [7] })],
    ['a numeric event_type', { ...base, event_type: 3 }, issuesFor({ event_type: [7] })],
    ['no ids at all', { event_type: 'x' }, issuesFor({}, { user_id: [7], device_id: [7] })],
    ['null ids only', { event_type: 'x', user_id: null, device_id: null }, issuesFor({}, { user_id: [7], device_id: [7] })],
    ['a numeric user_id', { event_type: 'x', user_id: 12345678 }, issuesFor({ user_id: [7] })],
    ['a placeholder user_id', { event_type: 'x', user_id: 'Anonymous' }, issuesFor({ user_id: [7] })],
    ['an all-zero device_id', { ...base, device_id: '00000000-0000-0000-0000-000000000000' }, issuesFor({ device_id: [7] })],
    ['an empty device_id', { ...base, device_id: '' }, issuesFor({ device_id: [7] })],
    ['a short user_id', { event_type: 'x', user_id: 'abcd' }, issuesFor({}, {}, { user_id: [7] })],
    ['a short device_id beside a good user_id', { ...base, device_id: 'abc' }, issuesFor({}, {}, { device_id: [7] })],
    ['an ISO time', { ...base, time: '2024-01-01T00:00:00Z' }, issuesFor({ time: [7] })],
    ['a fractional time', { ...base, time: 1.5 }, issuesFor({ time: [7] })],
    ['a numeric-string time', { ...base, time: '1700000000000' }, issuesFor({ time: [7] })],
    ['a string price', { ...base, price: '9.99' }, issuesFor({ price: [7] })],
    ['a fractional quantity', { ...base, quantity: 1.5 }, issuesFor({ quantity: [7] })],
    ['a numeric platform', { ...base, platform: 1 }, issuesFor({ platform: [7] })],
    ['an array event_properties', { ...base, event_properties: [1] }, issuesFor({ event_properties: [7] })],
    ['a string user_properties', { ...base, user_properties: '{}' }, issuesFor({ user_properties: [7] })],
    ['event_properties nested 41 deep', { ...base, event_properties: nest(41) }, issuesFor({ event_properties: [7] })],
    ['a string $skip_user_properties_sync', { ...base, $skip_user_properties_sync: 'true' }, issuesFor({ $skip_user_properties_sync: [7] })],
    ['a non-string plan value', { ...base, plan: { version: 3 } }, issuesFor({ plan: [7] })],
    ['a $groupidentify without groups', { event_type: '$groupidentify', group_properties: {} }, issuesFor({}, { groups: [7] })],
    [
      'several faults at once, each listed',
      { event_type: '', user_id: 'abc', time: 'now', price: 'x' },
      issuesFor({ event_type: [7], time: [7], price: [7] }, {}, { user_id: [7] }),
    ],
  ])('%s', (_name, raw, expected) => {
    const { event, issues } = normalize(raw);
    expect(event).toBeUndefined();
    expect(issues).toEqual(expected);
  });
});

describe('normalizeEvent accepts', () => {
  it('fills time with the server upload time when absent or null', () => {
    expect(normalize(base).event).toEqual({ ...base, time: NOW });
    expect(normalize({ ...base, time: null }).event).toEqual({ ...base, time: NOW });
  });

  it('keeps an integer time, including session_id -1', () => {
    expect(normalize({ ...base, time: 1_600_000_000_000, session_id: -1 }).event).toEqual({
      ...base,
      time: 1_600_000_000_000,
      session_id: -1,
    });
  });

  it('drops unknown keys, including hostile ones', () => {
    const raw = JSON.parse('{"event_type":"x","device_id":"device-1","extra":{"a":1},"__proto__":{"p":1},"constructor":"c","toString":1}');
    const { event } = normalize(raw);
    expect(event).toEqual({ event_type: 'x', device_id: 'device-1', time: NOW });
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.keys(event ?? {})).toEqual(['event_type', 'device_id', 'time']);
  });

  it('reads null fields as absent', () => {
    expect(normalize({ ...base, device_id: null, platform: null }).event).toEqual({ ...base, time: NOW });
  });

  it('truncates strings over the limit instead of rejecting', () => {
    const long = 'x'.repeat(1500);
    const { event } = normalize({ ...base, user_id: `u${long}`, os_name: long, event_properties: { text: long } });
    expect(event?.user_id).toHaveLength(1024);
    expect(event?.os_name).toHaveLength(1024);
    expect(event?.event_properties).toEqual({ text: 'x'.repeat(1024) });
  });

  it('honours a lower min_id_length', () => {
    expect(normalize({ event_type: 'x', user_id: 'ab' }, { minIdLength: 2 }).event).toMatchObject({ user_id: 'ab' });
  });

  it('still rejects placeholders when min_id_length allows their length', () => {
    expect(normalize({ event_type: 'x', user_id: '0' }, { minIdLength: 1 }).issues.invalidFields).toEqual({ user_id: [7] });
  });

  it('accepts a $groupidentify without user ids (the SDKs send it so)', () => {
    const raw = { event_type: '$groupidentify', groups: { org: 'acme' }, group_properties: { $set: { plan: 'pro' } } };
    expect(normalize(raw).event).toEqual({ ...raw, time: NOW });
  });

  it('keeps every documented field with its type', () => {
    const raw = {
      ...base,
      device_id: 'device-1',
      time: 1,
      event_properties: { a: [1, 'b', { c: null }] },
      user_properties: { $set: { d: 1 } },
      groups: { org: ['a', 'b'] },
      group_properties: { e: 1 },
      $skip_user_properties_sync: true,
      app_version: '1',
      platform: 'Web',
      price: 9.99,
      quantity: 2,
      revenue: -5,
      location_lat: 52.5,
      location_lng: 13.4,
      event_id: 3,
      session_id: 4,
      insert_id: 'i',
      plan: { branch: 'main', source: 'web', version: '1', versionId: 'v' },
      ingestion_metadata: { source_name: 'ampli', source_version: '2' },
      partner_id: 'p',
      library: 'amplitude-ts/2',
      version_name: 'v',
      delay: { id: 'd', timeout: 5 },
      paying: 'true',
      start_version: '1.0',
    };
    expect(normalize(raw).event).toEqual(raw);
  });
});

function nest(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < levels; i++) value = { child: value };
  return value;
}
