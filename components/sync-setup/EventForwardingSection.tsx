'use client';

import { Controller, useFieldArray, useFormContext } from 'react-hook-form';
import { AdditionalEventProperties } from '@/components/sync-setup/AdditionalEventProperties';
import { AnonymousUsersWarning } from '@/components/sync-setup/AnonymousUsersWarning';
import { EventRuleCard } from '@/components/sync-setup/EventRuleCard';
import { RevenueEventsSection } from '@/components/sync-setup/RevenueEventsSection';
import { useFieldError } from '@/components/sync-setup/use-field-error';
import { Button } from '@/components/ui/Button';
import { SectionCard } from '@/components/ui/SectionCard';
import { EmptyState } from '@/components/ui/States';
import { Switch } from '@/components/ui/Switch';
import type { CatalogResponse } from '@/lib/client/types';
import type { SyncFormValues } from '@/lib/syncs/schema';

export function EventForwardingSection({ catalog }: { catalog: CatalogResponse }) {
  const { control } = useFormContext<SyncFormValues>();
  const rules = useFieldArray({ control, name: 'eventSelection.rules' });
  const rulesError = useFieldError('eventSelection.rules');
  const eventTypes = catalog.eventTypes.map((e) => e.name);

  return (
    <SectionCard
      id="event-forwarding"
      step={3}
      title="Configure event forwarding"
      description="Events are forwarded to Braze as they are ingested: not on a schedule, not on demand."
    >
      <Controller
        control={control}
        name="sendEvents"
        render={({ field }) => (
          <Switch id="send-events" label="Send Events" checked={Boolean(field.value)} onChange={field.onChange} onText="Events are sent to Braze" offText="Events are not sent to Braze" />
        )}
      />

      <div className="space-y-3">
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Select and filter events</h3>
          <p className="text-sm text-slate-500">
            Choose only the events you need in Braze. An event is sent when it matches any row below; every filter of a row must hold.
          </p>
        </div>
        {rules.fields.length === 0 && <EmptyState title="No events selected">Nothing is sent until you add an event (or all events).</EmptyState>}
        {rules.fields.map((rule, index) => (
          <EventRuleCard key={rule.id} index={index} eventTypes={eventTypes} catalog={catalog} onRemove={() => rules.remove(index)} />
        ))}
        {rulesError && <p className="text-sm text-red-600">{rulesError}</p>}
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => rules.append({ eventType: null, where: [] }, { shouldFocus: true, focusName: `eventSelection.rules.${rules.fields.length}.eventType` })}>
            + Add event
          </Button>
        </div>
      </div>

      <AnonymousUsersWarning />
      <AdditionalEventProperties catalog={catalog} />
      <RevenueEventsSection catalog={catalog} />
    </SectionCard>
  );
}
