'use client';

import { PropertyTagField } from '@/components/sync-setup/PropertyTagField';
import type { CatalogResponse } from '@/lib/client/types';

/** Event and user properties sent as Braze custom event properties; none selected sends none. */
export function AdditionalEventProperties({ catalog }: { catalog: CatalogResponse }) {
  return (
    <div className="space-y-3">
      <div>
        <h3 className="text-sm font-semibold text-slate-900">Select additional properties</h3>
        <p className="text-sm text-slate-500">
          Event and user properties to send to Braze as custom event properties. If you don&apos;t select any properties here, none are sent.
        </p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <PropertyTagField
          name="eventProperties.eventProperties"
          id="event-additional-event-properties"
          label="Event properties"
          suggestions={catalog.eventProperties.map((p) => p.name)}
          placeholder="e.g. amount"
        />
        <PropertyTagField
          name="eventProperties.userProperties"
          id="event-additional-user-properties"
          label="User properties"
          suggestions={catalog.userProperties.map((p) => p.name)}
          placeholder="e.g. plan"
        />
      </div>
    </div>
  );
}
