import { describe, expect, it } from 'vitest';
import { buildSampleEvent } from '@/lib/syncs/sample-event';

const now = Date.UTC(2026, 10, 29, 12, 0, 0);

describe('buildSampleEvent', () => {
  it('starts from the first selected event and fills selected properties and where-clauses', () => {
    const event = buildSampleEvent({
      now,
      eventTypes: ['Other'],
      recentUser: null,
      settings: {
        eventSelection: {
          rules: [
            { eventType: null, where: [] },
            {
              eventType: 'Order Completed',
              where: [
                { scope: 'event', property: 'amount', operator: 'greater_than', values: ['100'] },
                { scope: 'user', property: 'plan', operator: 'is', values: ['pro', 'team'] },
                { scope: 'event', property: 'coupon', operator: 'is_not_set', values: [] },
              ],
            },
          ],
        },
        eventProperties: { eventProperties: ['sku'], userProperties: ['country'] },
        userProperties: ['email'],
      },
    });
    expect(event).toEqual({
      event_type: 'Order Completed',
      user_id: 'user-12345',
      device_id: 'device-12345',
      time: now,
      insert_id: `preview-${now}`,
      event_properties: { sku: 'example value', amount: 101 },
      user_properties: { country: 'example value', email: 'example value', plan: 'pro' },
    });
  });

  it('uses the most recent user as it is, inventing no device', () => {
    const event = buildSampleEvent({ now, eventTypes: [], recentUser: { userId: 'u-7', userProperties: {} }, settings: {} });
    expect(event.user_id).toBe('u-7');
    expect(event).not.toHaveProperty('device_id');
  });

  it('uses the most recent user and gives a mapped user property a value', () => {
    const event = buildSampleEvent({
      now,
      eventTypes: ['Signed Up'],
      recentUser: { deviceId: 'dev-9', userProperties: { plan: 'free' } },
      settings: { identifierProperty: 'email', identifierType: 'EMAIL', eventSelection: { rules: [{ eventType: null }] } },
    });
    expect(event.event_type).toBe('Signed Up');
    expect(event.user_id).toBeUndefined();
    expect(event.device_id).toBe('dev-9');
    expect(event.user_properties).toEqual({ plan: 'free', email: 'person@example.com' });
  });

  it('falls back to a named sample when nothing has been seen or selected', () => {
    const event = buildSampleEvent({ now, eventTypes: [], recentUser: null, settings: {} });
    expect(event.event_type).toBe('Sample Event');
    expect(event).not.toHaveProperty('event_properties');
  });
});
