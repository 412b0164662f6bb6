import { useId } from 'react';
import { describeCause } from '@/components/dashboard/failure-kinds';
import { formatMoment } from '@/components/dashboard/format';
import { describeObjects, formatObjects } from '@/components/dashboard/objects';
import { JsonBlock } from '@/components/dashboard/JsonBlock';
import { Button } from '@/components/ui/Button';
import type { FailureReport } from '@/lib/client/dashboard-types';
import { sourceFixOf } from '@/lib/dead-letters/letter-kinds';

type Group = FailureReport['groups'][number];

interface FailureGroupCardProps {
  group: Group;
  /** Why Replay cannot run now (the cause is not fixed yet), or null. */
  replayBlocked: string | null;
  replaying: boolean;
  onReplay: (group: Group) => void;
  onShowInLog: (userId: string) => void;
}

/** One cause: Braze's answer, how many objects it cost, examples in full, and its replay (or, for content Braze always refuses, what to fix). */
export function FailureGroupCard({ group, replayBlocked, replaying, onReplay, onShowInLog }: FailureGroupCardProps) {
  const titleId = useId();
  return (
    <article aria-labelledby={titleId} className="rounded-lg border border-slate-200 px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <h3 id={titleId} className="text-sm font-semibold text-slate-900">
            {describeCause(group.kind, group.status)}
          </h3>
          <p className="mt-1 break-words font-mono text-xs text-red-800">{group.error}</p>
          <p className="mt-1 text-xs text-slate-500">
            {describeObjects(group)} · last {formatMoment(group.lastSeenAt)}
          </p>
        </div>
        {group.replayable && (
          <Button size="sm" onClick={() => onReplay(group)} disabled={replayBlocked !== null} loading={replaying} title={replayBlocked ?? undefined}>
            Replay {formatObjects(group.count)}
          </Button>
        )}
      </div>
      {group.contentError && (
        <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
          <span className="font-semibold">Fix in the source: </span>
          {sourceFixOf(group.error)}
        </p>
      )}
      {group.examples.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-xs font-medium text-brand-700 hover:text-brand-600">
            {group.examples.length === 1 ? 'Example' : 'Examples'} ({group.examples.length})
          </summary>
          <ul className="mt-2 space-y-3">
            {group.examples.map((e) => (
              <li key={e.id} className="space-y-1">
                <p className="flex flex-wrap items-center gap-x-3 text-xs text-slate-600">
                  <span>{formatMoment(e.createdAt)}</span>
                  {e.eventType && <span>Event: {e.eventType}</span>}
                  {e.userId && <span>User: {e.userId}</span>}
                  {e.userId && (
                    <button type="button" onClick={() => onShowInLog(e.userId!)} className="font-medium text-brand-700 underline hover:text-brand-600">
                      Find in the delivery log
                    </button>
                  )}
                </p>
                <JsonBlock value={e.payload} label={`Example ${e.id}`} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
