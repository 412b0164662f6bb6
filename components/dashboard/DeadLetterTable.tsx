'use client';

import { useState } from 'react';
import { DeadLetterRow, isSelectable } from '@/components/dashboard/DeadLetterRow';
import { formatCount } from '@/components/dashboard/format';
import { ReplayResult } from '@/components/dashboard/ReplayResult';
import { SearchFields, type SearchValues } from '@/components/dashboard/SearchFields';
import { Button } from '@/components/ui/Button';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import { useDeadLetters } from '@/lib/client/use-dead-letters';
import { useReplayDeadLetters } from '@/lib/client/use-replay-dead-letters';

/** Every failed object (event or user update), searchable; pick some and replay them. */
export function DeadLetterTable({ syncId, replayBlocked }: { syncId: string; replayBlocked: string | null }) {
  const [search, setSearch] = useState<SearchValues>({});
  const [cursor, setCursor] = useState<string | undefined>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const letters = useDeadLetters(syncId, { ...search, cursor });
  const replay = useReplayDeadLetters(syncId);
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id)));
  const rows = letters.data?.rows ?? [];
  const selectable = rows.filter(isSelectable);

  return (
    <div className="space-y-4">
      <SearchFields
        label="Search failed objects"
        initial={search}
        onSearch={(values) => {
          setSearch(values);
          setCursor(undefined);
          setSelected(new Set());
        }}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="primary"
          disabled={selected.size === 0 || replayBlocked !== null}
          loading={replay.isPending}
          title={replayBlocked ?? undefined}
          onClick={() => replay.mutate({ ids: [...selected] }, { onSuccess: () => setSelected(new Set()) })}
        >
          Replay selected ({formatCount(selected.size)})
        </Button>
        {selectable.length > 0 && (
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set(selectable.map((l) => l.id)))}>
            Select all replayable on this page
          </Button>
        )}
        {replayBlocked && <p className="text-sm text-amber-800">{replayBlocked}</p>}
      </div>
      <ReplayResult data={replay.data} error={replay.error} />
      {letters.isPending && <LoadingState label="Loading failed objects…" />}
      {letters.isError && !letters.data && <ErrorState message={letters.error.message} onRetry={() => void letters.refetch()} />}
      {letters.data && rows.length === 0 && (
        <EmptyState title={Object.values(search).some(Boolean) ? 'No failed object matches' : 'No failed objects'}>
          Events and user updates Braze refused, that could not be sent, or that expired after retries appear here.
        </EmptyState>
      )}
      {rows.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Failed objects, newest first</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Select</span>
                </th>
                <th scope="col" className="px-3 py-2 font-medium">Failed at</th>
                <th scope="col" className="px-3 py-2 font-medium">User ID</th>
                <th scope="col" className="px-3 py-2 font-medium">Object</th>
                <th scope="col" className="px-3 py-2 font-medium">Cause</th>
                <th scope="col" className="px-3 py-2 font-medium">Replay</th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Details</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((l) => (
                <DeadLetterRow key={l.id} letter={l} selected={selected.has(l.id)} onToggle={toggle} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(cursor || letters.data?.nextCursor) && (
        <div className="flex gap-2">
          {cursor && <Button size="sm" onClick={() => setCursor(undefined)}>Newest</Button>}
          {letters.data?.nextCursor && <Button size="sm" onClick={() => setCursor(letters.data.nextCursor ?? undefined)}>Older</Button>}
        </div>
      )}
    </div>
  );
}
