'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { PropertyTagField } from '@/components/sync-setup/PropertyTagField';
import { useFieldError } from '@/components/sync-setup/use-field-error';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import { REVENUE_MODES, type RevenueMode } from '@/lib/braze/revenue';
import type { CatalogResponse } from '@/lib/client/types';
import type { SyncFormValues } from '@/lib/syncs/schema';

const MODE_TEXT: Record<RevenueMode, { label: string; description: string }> = {
  ecommerce: {
    label: 'eCommerce events (recommended)',
    description: 'One ecommerce.order_placed per order, ecommerce.order_refunded per refund, checked against Braze’s schema. New Braze workspaces need these.',
  },
  purchases: {
    label: 'Purchases (legacy)',
    description: 'One Braze purchase per product. A refund is sent as a custom event with its refund_amount, never as a purchase.',
  },
  events: {
    label: 'Custom events',
    description: 'Revenue events are sent as they are, like every other event.',
  },
};

/**
 * How Amplitude revenue reaches Braze: revenue() calls and the price/revenue fields, and order
 * events with a products array. Part of event forwarding: only events that are sent are mapped.
 */
export function RevenueEventsSection({ catalog }: { catalog: CatalogResponse }) {
  const { register, control } = useFormContext<SyncFormValues>();
  const mode = useWatch({ control, name: 'revenue.mode' }) ?? 'ecommerce';
  const currencyPropertyError = useFieldError('revenue.currencyProperty');
  const defaultCurrencyError = useFieldError('revenue.defaultCurrency');
  return (
    <section aria-labelledby="revenue-events-title" className="space-y-4">
      <div>
        <h3 id="revenue-events-title" className="text-sm font-semibold text-slate-900">
          Revenue events
        </h3>
        <p className="text-sm text-slate-500">
          Amplitude revenue (the SDKs’ revenue() calls, or price and revenue fields) and order events with a products array.
        </p>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Send revenue as</legend>
        <div className="mt-2 grid gap-3 md:grid-cols-3">
          {REVENUE_MODES.map((value) => (
            <label key={value} htmlFor={`revenue-mode-${value}`} className="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/50">
              <input
                id={`revenue-mode-${value}`}
                type="radio"
                value={value}
                aria-describedby={`revenue-mode-${value}-hint`}
                className="mt-0.5 h-4 w-4 border-slate-300 text-brand-600 focus:ring-brand-500"
                {...register('revenue.mode')}
              />
              <span>
                <span className="block text-sm font-medium text-slate-800">{MODE_TEXT[value].label}</span>
                <span id={`revenue-mode-${value}-hint`} className="block text-sm text-slate-500">
                  {MODE_TEXT[value].description}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {mode !== 'events' && (
        <>
          <div className="grid gap-4 md:grid-cols-2">
            <Field id="revenue-currency-property" label="Currency property" optional hint="An event property holding the ISO 4217 code. Blank reads the event’s own $currency or currency." error={currencyPropertyError}>
              <input {...describedBy('revenue-currency-property', { hint: true, error: currencyPropertyError })} spellCheck={false} placeholder="e.g. currency_code" className={`${inputClass} font-mono`} {...register('revenue.currencyProperty')} />
            </Field>
            <Field id="revenue-default-currency" label="Default currency" hint="For revenue that names no currency." error={defaultCurrencyError}>
              <input {...describedBy('revenue-default-currency', { hint: true, error: defaultCurrencyError })} spellCheck={false} maxLength={3} className={`${inputClass} max-w-[8rem] font-mono uppercase`} {...register('revenue.defaultCurrency')} />
            </Field>
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <PropertyTagField
              name="revenue.orderEvents"
              id="revenue-order-events"
              label="Order events"
              hint="Events whose products array lists the order’s products, besides revenue events."
              suggestions={catalog.eventTypes.map((e) => e.name)}
              placeholder="e.g. Order Completed"
            />
            <PropertyTagField
              name="revenue.refundRevenueTypes"
              id="revenue-refund-types"
              label="Refund revenue types"
              hint="revenueType values that mark a refund; a negative amount always does."
              suggestions={[]}
              placeholder="e.g. refund"
            />
          </div>
        </>
      )}
    </section>
  );
}
