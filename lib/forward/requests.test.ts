import { describe, expect, it } from 'vitest';
import { buildRequest, withClientIp } from '@/lib/forward/requests';

describe('forwarded requests', () => {
  it('sends HTTP V2 and Batch events unchanged as JSON, the client address as ip when the event has none', () => {
    const events = [
      { user_id: 'user-1', event_type: 'A', insert_id: 'i-1' },
      { user_id: 'user-1', event_type: 'B', insert_id: 'i-2', ip: '$remote' },
      { user_id: 'user-1', event_type: 'C', insert_id: 'i-3', ip: '198.51.100.7' },
    ];
    const request = buildRequest('batch', 'key', events, '203.0.113.5');
    expect(request.path).toBe('/batch');
    expect(request.contentType).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      api_key: 'key',
      events: [
        { ...events[0], ip: '203.0.113.5' },
        { ...events[1], ip: '203.0.113.5' },
        events[2],
      ],
    });
    expect(withClientIp(events[0]!, undefined)).toBe(events[0]);
  });

  it('turns $identify events back into identifications of the Identify API', () => {
    const event = { event_type: '$identify', user_id: 'user-1', time: 1, insert_id: 'x', user_properties: { $set: { plan: 'pro' } }, platform: 'Web' };
    const request = buildRequest('identify', 'key', [event], '203.0.113.5');
    const form = new URLSearchParams(request.body);
    expect(request).toMatchObject({ path: '/identify', contentType: 'application/x-www-form-urlencoded' });
    expect(form.get('api_key')).toBe('key');
    expect(JSON.parse(form.get('identification')!)).toEqual([{ user_id: 'user-1', user_properties: { $set: { plan: 'pro' } }, platform: 'Web' }]);
  });

  it('turns $groupidentify events back into group identifications', () => {
    const event = { event_type: '$groupidentify', groups: { org: 'acme' }, group_properties: { $set: { size: 5 } }, time: 1 };
    const form = new URLSearchParams(buildRequest('groupidentify', 'key', [event], undefined).body);
    expect(JSON.parse(form.get('identification')!)).toEqual([{ group_type: 'org', group_value: 'acme', group_properties: { $set: { size: 5 } } }]);
  });
});
