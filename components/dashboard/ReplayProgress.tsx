import { formatCount } from '@/components/dashboard/format';
import type { FailureReport } from '@/lib/client/dashboard-types';

/** How the sync's replays are going: waiting, delivered by Braze, failed again. */
export function ReplayProgress({ replay }: { replay: FailureReport['replay'] }) {
  const total = replay.queued + replay.delivered + replay.failed;
  if (total === 0) return null;
  const done = replay.delivered + replay.failed;
  return (
    <div role="status" aria-label="Replay progress" className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="font-medium text-slate-800">{replay.queued > 0 ? 'Replay in progress' : 'Replayed events'}</p>
        <p className="text-slate-600">
          <span className="font-semibold text-emerald-700">{formatCount(replay.delivered)} delivered</span>
          {' · '}
          <span className={replay.failed > 0 ? 'font-semibold text-red-700' : ''}>{formatCount(replay.failed)} failed again</span>
          {' · '}
          {formatCount(replay.queued)} waiting
        </p>
      </div>
      <div className="mt-2 h-1.5 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <div className="flex h-full">
          <div className="bg-emerald-500" style={{ width: `${(replay.delivered / total) * 100}%` }} />
          <div className="bg-red-500" style={{ width: `${(replay.failed / total) * 100}%` }} />
        </div>
      </div>
      <p className="sr-only">
        {formatCount(done)} of {formatCount(total)} replayed events finished
      </p>
    </div>
  );
}
