'use client';

import { useState } from 'react';
import { DestinationsTab } from '@/components/catalog/DestinationsTab';
import { EventsTab } from '@/components/catalog/EventsTab';
import { PageHeader } from '@/components/PageHeader';
import { panelId, tabId, Tabs } from '@/components/ui/Tabs';

const TABS = [
  { id: 'events', label: 'Events' },
  { id: 'destinations', label: 'Destinations' },
] as const;
type CatalogTab = (typeof TABS)[number]['id'];

export function CatalogPage({ initialTab }: { initialTab: CatalogTab }) {
  const [tab, setTab] = useState<CatalogTab>(initialTab);
  const select = (id: string) => {
    const next = id === 'destinations' ? 'destinations' : 'events';
    setTab(next);
    // Keep the tab in the address so it can be shared and survives a reload.
    window.history.replaceState(null, '', next === 'events' ? '/catalog' : `/catalog?tab=${next}`);
  };
  return (
    <>
      <PageHeader title="Catalog" description="The events your project sends, and the destinations they stream to." />
      <Tabs label="Catalog" tabs={TABS} selected={tab} onSelect={select} />
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} tabIndex={0} className="pt-6 focus-visible:outline-none">
        {tab === 'events' ? <EventsTab /> : <DestinationsTab />}
      </div>
    </>
  );
}
