'use client';

import { ImportRunCard } from '@/components/import-history/ImportRunCard';
import { StartImportForm } from '@/components/import-history/StartImportForm';
import { SectionCard } from '@/components/ui/SectionCard';
import { ErrorState, LoadingState } from '@/components/ui/States';
import { useImportHistory } from '@/lib/client/use-import-history';

/**
 * "Import history" on a sync's page: backfill Braze from Amplitude's Export API, with the latest
 * imports' progress and controls. A new import can start once none is running or paused.
 */
export function ImportHistoryPanel({ syncId, sendsUsers }: { syncId: string; sendsUsers: boolean }) {
  const history = useImportHistory(syncId);
  const busy = history.data?.runs.some((r) => r.status === 'RUNNING' || r.status === 'PAUSED') ?? false;
  return (
    <SectionCard
      id="import-history"
      title="Import history"
      description="Send this sync's past Amplitude data to Braze: events of a time range, read from Amplitude's Export API through this sync's mapping and filters."
    >
      {history.isError && <ErrorState message={history.error.message} onRetry={() => void history.refetch()} />}
      {!history.data && !history.isError && <LoadingState label="Loading imports…" />}
      {history.data && (
        <>
          {history.data.runs.map((run) => (
            <ImportRunCard key={run.id} syncId={syncId} run={run} />
          ))}
          {busy ? (
            <p className="text-sm text-slate-500">Another import can start once this one has finished or been cancelled.</p>
          ) : (
            <StartImportForm syncId={syncId} sources={history.data.sources} sendsUsers={sendsUsers} />
          )}
        </>
      )}
    </SectionCard>
  );
}
