'use client';

import Link from 'next/link';
import { useState } from 'react';
import { ImportHistoryPanel } from '@/components/import-history/ImportHistoryPanel';
import { SyncSetupForm } from '@/components/sync-setup/SyncSetupForm';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import { ApiError } from '@/lib/client/api-fetch';
import { useBrazeEndpoints } from '@/lib/client/use-braze-endpoints';
import { useCatalog } from '@/lib/client/use-catalog';
import { useSync } from '@/lib/client/use-sync';
import { CONNECTION_MESSAGES } from '@/lib/syncs/connection-messages';

const backLink = (
  <Link href="/catalog/destinations/braze" className="text-sm font-medium text-brand-700 underline hover:text-brand-600">
    Back to Braze syncs
  </Link>
);

interface SyncSetupPageProps {
  syncId: string | null;
  initialName: string;
  /** Arrived here right after the first Save of a new sync. */
  justCreated: boolean;
  /** The problem Test connection found on that Save (lib/braze `ConnectionProblem`), if any. */
  createdWithProblem: string | null;
}

const messageOf = (problem: string | null) =>
  problem && Object.hasOwn(CONNECTION_MESSAGES, problem) ? CONNECTION_MESSAGES[problem as keyof typeof CONNECTION_MESSAGES] : null;

export function SyncSetupPage({ syncId, initialName, justCreated, createdWithProblem }: SyncSetupPageProps) {
  const sync = useSync(syncId);
  const endpoints = useBrazeEndpoints();
  const catalog = useCatalog();
  const [saved, setSaved] = useState(justCreated);
  const [connectionWarning, setConnectionWarning] = useState(messageOf(createdWithProblem));

  if (sync.error instanceof ApiError && sync.error.status === 404) {
    return <EmptyState title="This sync does not exist" action={backLink}>It may have been deleted.</EmptyState>;
  }
  const failed = [sync, endpoints, catalog].find((q) => q.isError);
  if (failed?.error) return <ErrorState message={failed.error.message} onRetry={() => void failed.refetch()} />;
  if ((syncId && !sync.data) || !endpoints.data || !catalog.data) return <LoadingState label="Loading the sync…" />;

  return (
    <>
      <SyncSetupForm
        // A saved change re-creates the form from what the server stored (the key field blank again).
        key={sync.data?.updatedAt ?? 'new'}
        sync={sync.data ?? null}
        initialName={initialName}
        endpoints={endpoints.data}
        catalog={catalog.data}
        saved={saved}
        connectionWarning={connectionWarning}
        onSaved={(warning) => {
          setSaved(true);
          setConnectionWarning(warning);
        }}
      />
      {sync.data && (
        <div className="mt-8">
          <ImportHistoryPanel syncId={sync.data.id} sendsUsers={sync.data.sendUsers} />
        </div>
      )}
      <p className="mt-8 text-center">{backLink}</p>
    </>
  );
}
