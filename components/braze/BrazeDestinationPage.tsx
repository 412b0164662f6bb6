'use client';

import { BrazeLogo } from '@/components/braze/BrazeLogo';
import { CreateSyncForm } from '@/components/braze/CreateSyncForm';
import { SyncList } from '@/components/braze/SyncList';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { PageHeader } from '@/components/PageHeader';

export function BrazeDestinationPage() {
  return (
    <>
      <Breadcrumbs items={[{ label: 'Catalog', href: '/catalog' }, { label: 'Destinations', href: '/catalog?tab=destinations' }, { label: 'Braze' }]} />
      <PageHeader
        icon={<BrazeLogo className="h-12 w-12 text-lg" />}
        title="Braze"
        description="Event Streaming · Stream your event and user data straight to Braze's REST API."
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <SyncList />
        </div>
        <CreateSyncForm />
      </div>
    </>
  );
}
