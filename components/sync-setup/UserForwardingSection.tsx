'use client';

import { Controller, useFormContext } from 'react-hook-form';
import { PropertyTagField } from '@/components/sync-setup/PropertyTagField';
import { SubscriptionFields } from '@/components/sync-setup/SubscriptionFields';
import { SectionCard } from '@/components/ui/SectionCard';
import { Switch } from '@/components/ui/Switch';
import type { CatalogResponse } from '@/lib/client/types';
import type { SyncFormValues } from '@/lib/syncs/schema';

export function UserForwardingSection({ catalog }: { catalog: CatalogResponse }) {
  const { control } = useFormContext<SyncFormValues>();
  return (
    <SectionCard
      id="user-forwarding"
      step={4}
      title="Configure user forwarding"
      description="Users are created or updated in Braze when their properties change in an event or an Identify call; not on a schedule."
    >
      <Controller
        control={control}
        name="sendUsers"
        render={({ field }) => (
          <Switch id="send-users" label="Send Users" checked={Boolean(field.value)} onChange={field.onChange} onText="Users are sent to Braze" offText="Users are not sent to Braze" />
        )}
      />
      <div className="space-y-3">
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Select additional properties</h3>
          <p className="text-sm text-slate-500">User properties to send to Braze as custom attributes. If you don&apos;t select any properties here, none are sent.</p>
        </div>
        <PropertyTagField
          name="userProperties"
          id="user-forwarding-user-properties"
          label="User properties"
          suggestions={catalog.userProperties.map((p) => p.name)}
          placeholder="e.g. plan"
        />
      </div>
      <SubscriptionFields userProperties={catalog.userProperties.map((p) => p.name)} />
    </SectionCard>
  );
}
