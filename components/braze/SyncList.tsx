'use client';

import { SyncRow } from '@/components/braze/SyncRow';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import { useSyncs } from '@/lib/client/use-syncs';

export function SyncList() {
  const syncs = useSyncs();
  return (
    <section aria-labelledby="syncs-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-100 px-6 py-4">
        <h2 id="syncs-title" className="text-base font-semibold text-slate-900">
          Syncs
        </h2>
        <p className="mt-0.5 text-sm text-slate-500">Only Enabled syncs send to Braze. A disabled sync sends nothing.</p>
      </header>
      <div className="p-2">
        {syncs.isPending && <LoadingState label="Loading syncs…" />}
        {syncs.isError && <ErrorState message={syncs.error.message} onRetry={() => void syncs.refetch()} />}
        {syncs.data?.length === 0 && (
          <div className="p-4">
            <EmptyState title="No syncs yet">Enter a sync name and click Create Sync to stream your events to Braze.</EmptyState>
          </div>
        )}
        {syncs.data && syncs.data.length > 0 && (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Braze syncs</caption>
            <thead className="text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">Name</th>
                <th scope="col" className="px-4 py-2">Sends</th>
                <th scope="col" className="px-4 py-2">Status</th>
                <th scope="col" className="px-4 py-2">Health</th>
                <th scope="col" className="px-4 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {syncs.data.map((sync) => (
                <SyncRow key={sync.id} sync={sync} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
