import { describe, expect, it } from 'vitest';
import { DEFAULT_REVENUE_MAPPING } from '@/lib/braze/revenue';
import { revenueSettingsSchema, toRevenueMapping } from '@/lib/syncs/revenue-schema';
import { applySyncFlags, flagForPath, NEW_SYNC_VALUES } from '@/lib/syncs/sync-flags';
import { createSyncSchema } from '@/lib/syncs/schema';

const REQUIRED = ['--name', 'S', '--endpoint', 'https://rest.iad-01.braze.com', '--rest-api-key', 'k'];

describe('revenue settings', () => {
  it('default to eCommerce events, USD, Order Completed as the order event and refund as the refund type', () => {
    expect(createSyncSchema.parse(applySyncFlags(NEW_SYNC_VALUES, REQUIRED)).revenue).toEqual(DEFAULT_REVENUE_MAPPING);
  });

  it('read rows saved before revenue mapping as they were stored: custom events', () => {
    expect(toRevenueMapping({ mode: 'events' })).toEqual({ ...DEFAULT_REVENUE_MAPPING, mode: 'events' });
  });

  it('take a lower-case currency, and a blank currency property as none', () => {
    expect(revenueSettingsSchema.parse({ defaultCurrency: ' eur ', currencyProperty: '  ' })).toMatchObject({ defaultCurrency: 'EUR', currencyProperty: undefined });
  });

  it.each([
    [{ defaultCurrency: 'euro' }, 'revenue.defaultCurrency', 'Enter a three-letter ISO 4217 currency code, such as USD'],
    [{ mode: 'revenue' }, 'revenue.mode', undefined],
    [{ orderEvents: [' '] }, 'revenue.orderEvents.0', 'Enter a name'],
  ])('refuse %j under its field and flag', (revenue, path, message) => {
    const result = createSyncSchema.safeParse({ ...createSyncSchema.parse(applySyncFlags(NEW_SYNC_VALUES, REQUIRED)), revenue });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(path);
    if (message) expect(issue.message).toBe(message);
    expect(flagForPath(path)).toMatch(/^--(default-currency|revenue-mode|order-event)$/);
  });

  it('are set by flags on update, lists replaced, and cleared', () => {
    const stored = createSyncSchema.parse(applySyncFlags(NEW_SYNC_VALUES, [...REQUIRED, '--order-event', 'Checkout Done', '--order-event', 'Order Completed']));
    const next = applySyncFlags(stored, ['--revenue-mode', 'purchases', '--refund-revenue-type', 'chargeback', '--clear', 'order-events']);
    expect(createSyncSchema.parse(next).revenue).toEqual({ ...DEFAULT_REVENUE_MAPPING, mode: 'purchases', orderEvents: [], refundRevenueTypes: ['chargeback'] });
    expect(applySyncFlags(stored, ['--default-currency', 'CHF']).revenue).toMatchObject({ defaultCurrency: 'CHF', orderEvents: ['Checkout Done', 'Order Completed'] });
  });
});
