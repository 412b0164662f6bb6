'use client';

import { DeliveryLogEntry } from '@/components/dashboard/DeliveryLogEntry';
import { formatCount } from '@/components/dashboard/format';
import { SearchFields, type SearchValues } from '@/components/dashboard/SearchFields';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import type { DeliveryLogAnswer } from '@/lib/client/dashboard-types';
import { useDeliveryLog } from '@/lib/client/use-delivery-log';

type Entry = DeliveryLogAnswer['entries'][number];

/** Keys that stay with their request when newer ones arrive on top (an open request stays open). */
function keyed(entries: Entry[]): [string, Entry][] {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    const base = `${e.at}-${e.status}-${e.errors.length}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return [`${base}-${n}`, e];
  });
}

/** The latest Braze requests of the sync: what was sent and what Braze answered, searchable. */
export function DeliveryLog({ syncId, search, onSearch }: { syncId: string; search: SearchValues; onSearch: (values: SearchValues) => void }) {
  const log = useDeliveryLog(syncId, search);
  const filtered = Object.values(search).some(Boolean);
  return (
    <div className="space-y-4">
      <SearchFields key={JSON.stringify(search)} label="Search the delivery log" initial={search} onSearch={onSearch} />
      {log.isPending && <LoadingState label="Loading the delivery log…" />}
      {log.isError && !log.data && <ErrorState message={log.error.message} onRetry={() => void log.refetch()} />}
      {log.data && (
        <>
          <p className="text-xs text-slate-500">
            {formatCount(log.data.matched)} {filtered ? 'matching ' : ''}
            {log.data.matched === 1 ? 'request' : 'requests'}
            {log.data.matched > log.data.entries.length && `, the newest ${formatCount(log.data.entries.length)} shown`}. The log keeps this sync&apos;s last{' '}
            {formatCount(log.data.kept)} requests to Braze: every request Braze refused, answered with errors or did not answer, and of those it
            accepted whole at most {formatCount(log.data.acceptedPerSecond)} a second per worker.
          </p>
          {log.data.entries.length === 0 ? (
            <EmptyState title={filtered ? 'No request matches' : 'Nothing sent yet'}>
              {filtered
                ? `No kept Braze request carried an object of this user or event. It may have been skipped (no user ID), filtered out, held as a failed event, sent before the kept requests, or accepted in a request the log did not keep (beyond ${formatCount(log.data.acceptedPerSecond)} a second); the sync's figures count it either way.`
                : 'Requests to Braze appear here as soon as this sync sends.'}
            </EmptyState>
          ) : (
            <ul className="space-y-2" aria-label="Braze requests">
              {keyed(log.data.entries).map(([key, entry]) => (
                <DeliveryLogEntry key={key} entry={entry} />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
