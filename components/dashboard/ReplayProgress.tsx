import { formatCount } from '@/components/dashboard/format';
import { formatObjects } from '@/components/dashboard/objects';
import type { FailureReport } from '@/lib/client/dashboard-types';

/** How the sync's replays are going: waiting, delivered by Braze, superseded by newer values, failed again. */
export function ReplayProgress({ replay }: { replay: FailureReport['replay'] }) {
  const total = replay.queued + replay.delivered + replay.superseded + replay.failed;
  if (total === 0) return null;
  const done = total - replay.queued;
  const width = (n: number) => `${(n / total) * 100}%`;
  return (
    <div role="status" aria-label="Replay progress" className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="font-medium text-slate-800">{replay.queued > 0 ? 'Replay in progress' : 'Replayed objects'}</p>
        <p className="text-slate-600">
          <span className="font-semibold text-emerald-700">{formatCount(replay.delivered)} delivered</span>
          {replay.superseded > 0 && ` · ${formatCount(replay.superseded)} superseded by newer values`}
          {' · '}
          <span className={replay.failed > 0 ? 'font-semibold text-red-700' : ''}>{formatCount(replay.failed)} failed again</span>
          {' · '}
          {formatCount(replay.queued)} waiting
        </p>
      </div>
      <div className="mt-2 h-1.5 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <div className="flex h-full">
          <div className="bg-emerald-500" style={{ width: width(replay.delivered) }} />
          <div className="bg-slate-400" style={{ width: width(replay.superseded) }} />
          <div className="bg-red-500" style={{ width: width(replay.failed) }} />
        </div>
      </div>
      <p className="sr-only">
        {formatCount(done)} of {formatObjects(total)} replayed finished
      </p>
    </div>
  );
}
