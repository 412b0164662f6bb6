import { formatAge, formatCount } from '@/components/dashboard/format';
import type { Overview, QueueDepth } from '@/lib/client/dashboard-types';

function Tile({ label, value, detail, tone = 'normal' }: { label: string; value: string; detail: string; tone?: 'normal' | 'bad' }) {
  return (
    <div role="group" aria-label={label} className={`rounded-xl border bg-white px-4 py-3 shadow-sm ${tone === 'bad' ? 'border-red-200' : 'border-slate-200'}`}>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className={`mt-1 text-xl font-semibold ${tone === 'bad' ? 'text-red-700' : 'text-slate-900'}`}>{value}</p>
      <p className="mt-0.5 text-xs text-slate-500">{detail}</p>
    </div>
  );
}

function queueDetail(q: QueueDepth, now: number): string {
  const parts = [`${formatCount(q.active)} in progress`];
  if (q.delayed > 0) parts.push(`${formatCount(q.delayed)} waiting to retry`);
  if (q.oldestAt !== null) parts.push(`oldest ${formatAge(q.oldestAt, now)}`);
  return parts.join(' · ');
}

/** The pipeline at a glance: is a worker running, and is anything piling up? */
export function PipelineStrip({ pipeline, now }: { pipeline: Overview['pipeline']; now: number }) {
  const { ingest, deliver, liveWorkers } = pipeline;
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <Tile
        label="Workers"
        value={liveWorkers === 0 ? 'None running' : `${liveWorkers} running`}
        detail={liveWorkers === 0 ? 'Nothing is sent to Braze until a worker runs (npm start or npm run worker).' : 'Reported in the last 15 seconds.'}
        tone={liveWorkers === 0 ? 'bad' : 'normal'}
      />
      <Tile label="Received, not yet processed" value={`${formatCount(ingest.waiting)} ${ingest.waiting === 1 ? 'request' : 'requests'}`} detail={queueDetail(ingest, now)} />
      <Tile label="Waiting for Braze" value={`${formatCount(deliver.waiting + deliver.delayed)} ${deliver.waiting + deliver.delayed === 1 ? 'job' : 'jobs'}`} detail={queueDetail(deliver, now)} />
    </div>
  );
}
