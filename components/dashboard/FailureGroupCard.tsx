import { useId } from 'react';
import { describeCause } from '@/components/dashboard/failure-kinds';
import { formatCount, formatMoment } from '@/components/dashboard/format';
import { JsonBlock } from '@/components/dashboard/JsonBlock';
import { Button } from '@/components/ui/Button';
import type { FailureReport } from '@/lib/client/dashboard-types';

type Group = FailureReport['groups'][number];

interface FailureGroupCardProps {
  group: Group;
  /** Why Replay cannot run now (the cause is not fixed yet), or null. */
  replayBlocked: string | null;
  replaying: boolean;
  onReplay: (group: Group) => void;
  onShowInLog: (userId: string) => void;
}

/** One cause: Braze's answer, how many events it cost, examples in full, and its replay. */
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
            {formatCount(group.count)} {group.count === 1 ? 'event' : 'events'} · last {formatMoment(group.lastSeenAt)}
          </p>
        </div>
        {group.replayable ? (
          <Button size="sm" onClick={() => onReplay(group)} disabled={replayBlocked !== null} loading={replaying} title={replayBlocked ?? undefined}>
            Replay {formatCount(group.count)} {group.count === 1 ? 'event' : 'events'}
          </Button>
        ) : (
          <span className="text-xs text-slate-500">Not replayable: the event itself must change</span>
        )}
      </div>
      {group.examples.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-xs font-medium text-brand-700 hover:text-brand-600">
            Example {group.examples.length === 1 ? 'event' : 'events'} ({group.examples.length})
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
                <JsonBlock value={e.payload} label={`Example event ${e.id}`} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
