/**
 * The command line's words for a sync's "Revenue events" settings (`npm run syncs`). Values are
 * checked by the shared schema (lib/syncs/revenue-schema), like every other flag's.
 */
import type { SyncFormValues } from '@/lib/syncs/schema';

export const REVENUE_FLAG_OPTIONS = {
  'revenue-mode': { type: 'string' },
  'currency-property': { type: 'string' },
  'default-currency': { type: 'string' },
  'order-event': { type: 'string', multiple: true },
  'refund-revenue-type': { type: 'string', multiple: true },
} as const;

type RevenueValues = {
  'revenue-mode'?: string;
  'currency-property'?: string;
  'default-currency'?: string;
  'order-event'?: string[];
  'refund-revenue-type'?: string[];
};

type Revenue = NonNullable<SyncFormValues['revenue']>;

function withRevenue(values: SyncFormValues, change: Partial<Revenue>): SyncFormValues {
  return { ...values, revenue: { ...values.revenue, ...change } };
}

/** Applies the revenue flags given to `base`; list flags replace the list they name. */
export function applyRevenueFlags(base: SyncFormValues, values: RevenueValues): SyncFormValues {
  const given = Object.entries({
    mode: values['revenue-mode'] as Revenue['mode'],
    currencyProperty: values['currency-property'],
    defaultCurrency: values['default-currency'],
    orderEvents: values['order-event'],
    refundRevenueTypes: values['refund-revenue-type'],
  }).filter(([, value]) => value !== undefined);
  return given.length === 0 ? base : withRevenue(base, Object.fromEntries(given));
}

/** Settings `--clear` can empty on update. */
export const REVENUE_CLEARABLE = {
  'currency-property': (v: SyncFormValues) => withRevenue(v, { currencyProperty: '' }),
  'order-events': (v: SyncFormValues) => withRevenue(v, { orderEvents: [] }),
  'refund-revenue-types': (v: SyncFormValues) => withRevenue(v, { refundRevenueTypes: [] }),
} as const;

export const REVENUE_FLAG_OF_PATH: [RegExp, () => string][] = [
  [/^revenue\.mode/, () => '--revenue-mode'],
  [/^revenue\.currencyProperty/, () => '--currency-property'],
  [/^revenue\.defaultCurrency/, () => '--default-currency'],
  [/^revenue\.orderEvents/, () => '--order-event'],
  [/^revenue\.refundRevenueTypes/, () => '--refund-revenue-type'],
];
