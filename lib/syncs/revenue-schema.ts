/**
 * The "Revenue events" settings of a sync, validated once here for the wizard, the API, the
 * config files and the worker. The worker reads them as lib/braze/revenue's `RevenueMapping`.
 */
import { z } from 'zod';
import { DEFAULT_REVENUE_MAPPING, REVENUE_MODES, type RevenueMapping } from '@/lib/braze/revenue';
import { isStorableText } from '@/lib/db/storable-text';

const STORABLE = [isStorableText, 'Remove the NUL or broken unicode character'] as const;
const CURRENCY = 'Enter a three-letter ISO 4217 currency code, such as USD';

const name = z.string().trim().min(1, 'Enter a name').max(1024).refine(...STORABLE);

export const revenueSettingsSchema = z.object({
  mode: z.enum(REVENUE_MODES).default(DEFAULT_REVENUE_MAPPING.mode),
  /** Blank reads the event's own currency fields. */
  currencyProperty: z.string().trim().max(1024).refine(...STORABLE).optional().transform((v) => v || undefined),
  defaultCurrency: z
    .string({ error: CURRENCY })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, CURRENCY)
    .default(DEFAULT_REVENUE_MAPPING.defaultCurrency),
  orderEvents: z.array(name).max(100).default(DEFAULT_REVENUE_MAPPING.orderEvents),
  refundRevenueTypes: z.array(name).max(100).default(DEFAULT_REVENUE_MAPPING.refundRevenueTypes),
});

export type RevenueSettings = z.infer<typeof revenueSettingsSchema>;

export const revenueSettingsField = revenueSettingsSchema.default(DEFAULT_REVENUE_MAPPING);

/**
 * A stored value as the worker's mapping. Rows saved before revenue mapping existed hold
 * `{"mode":"events"}`, which keeps sending their revenue as it was sent: as custom events.
 */
export function toRevenueMapping(stored: unknown): RevenueMapping {
  return revenueSettingsSchema.parse(stored ?? {});
}
