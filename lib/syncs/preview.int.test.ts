import { describe, expect, it } from 'vitest';
import { previewSyncRequest } from '@/lib/syncs/preview';
import { type PreviewInput, updateSyncSchema } from '@/lib/syncs/schema';

const settings = (overrides: Record<string, unknown> = {}) =>
  updateSyncSchema.parse({
    name: 'Braze',
    brazeEndpoint: 'US-03',
    restApiKey: 'secret-key-abcd',
    appId: 'app-1',
    eventSelection: { rules: [{ eventType: 'Order Completed', where: [{ scope: 'event', property: 'amount', operator: 'greater_than', values: ['10'] }] }] },
    eventProperties: { eventProperties: ['amount'], userProperties: ['plan'] },
    ...overrides,
  });

const event = {
  event_type: 'Order Completed',
  user_id: 'user-1',
  time: Date.UTC(2026, 10, 29),
  event_properties: { amount: 25, coupon: 'X' },
  user_properties: { plan: 'pro', country: 'FR' },
};

const preview = (input: Partial<PreviewInput> & Pick<PreviewInput, 'settings'>) => previewSyncRequest('project-1', { event, ...input });

describe('previewSyncRequest', () => {
  it('shows the exact request: cluster URL, masked key, and only the selected properties', async () => {
    const result = await preview({ settings: settings() });
    expect(result).toEqual({
      notes: [],
      dateLike: [],
      request: {
        method: 'POST',
        url: 'https://rest.iad-03.braze.com/users/track',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ••••••••abcd' },
        body: {
          events: [{
            external_id: 'user-1',
            app_id: 'app-1',
            name: 'Order Completed',
            time: '2026-11-29T00:00:00.000Z',
            properties: { amount: 25, plan: 'pro' },
          }],
        },
      },
    });
    expect(JSON.stringify(result)).not.toContain('secret-key');
  });

  it('explains why an event is not sent', async () => {
    const filtered = await preview({ settings: settings(), event: { ...event, event_properties: { amount: 5 } } });
    expect(filtered).toEqual({ request: null, notes: [expect.stringContaining('Select and filter events')], dateLike: [] });
    const anonymous = await preview({ settings: settings(), event: { ...event, user_id: undefined, device_id: 'device-1' } });
    expect(anonymous).toEqual({ request: null, notes: [expect.stringContaining('"user_id"')], dateLike: [] });
    const off = await preview({ settings: settings({ sendEvents: false }) });
    expect(off).toEqual({ request: null, notes: [expect.stringContaining('Send Events is off')], dateLike: [] });
  });

  it('adds the selected user properties as attributes when Send Users is on', async () => {
    const result = await preview({ settings: settings({ sendUsers: true, userProperties: ['country'] }) });
    expect(result.request?.body.attributes).toEqual([{ external_id: 'user-1', country: 'FR' }]);
    expect(result.request?.body.events).toHaveLength(1);
    const none = await preview({ settings: settings({ sendUsers: true, userProperties: ['age'] }) });
    expect(none.request?.body.attributes).toBeUndefined();
    expect(none.notes).toEqual([expect.stringContaining('No user update')]);
  });

  it('names an invalid sample event', async () => {
    await expect(preview({ settings: settings(), event: { user_id: 'user-1' } })).rejects.toThrow(/not a valid Amplitude event/);
  });
});
