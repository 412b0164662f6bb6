'use client';

import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useSteerImport } from '@/lib/client/use-import-history';
import type { ImportAction } from '@/lib/import/import-schema';
import type { ImportView } from '@/lib/import/import-view';

const STATUS_TEXT: Record<ImportView['status'], string> = {
  RUNNING: 'Running',
  PAUSED: 'Paused',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
  FAILED: 'Stopped by an error',
};

const ACTIONS: Record<ImportView['status'], ImportAction[]> = {
  RUNNING: ['pause', 'cancel'],
  PAUSED: ['resume', 'cancel'],
  FAILED: ['resume', 'cancel'],
  COMPLETED: [],
  CANCELLED: [],
};

const ACTION_TEXT: Record<ImportAction, string> = { pause: 'Pause', resume: 'Resume', cancel: 'Cancel import' };

const number = new Intl.NumberFormat('en-US');

function formatEta(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function hourText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 13)}:00`;
}

export function ImportRunCard({ syncId, run }: { syncId: string; run: ImportView }) {
  const steer = useSteerImport(syncId);
  const percent = run.progress === null ? null : Math.floor(run.progress * 100);
  return (
    <article aria-label={`Import of ${hourText(run.startHour)} to ${hourText(run.endHour)} UTC`} className="space-y-3 rounded-lg border border-slate-200 p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm font-medium text-slate-900">
          {hourText(run.startHour)} – {hourText(run.endHour)} UTC
          <span className="ml-2 font-normal text-slate-500">
            {run.region}, key {run.apiKeyHint}, {run.attributesOnly ? 'attributes only' : 'attributes and events'}, {run.rateShare} % of the rate limit
          </span>
        </p>
        <p className="text-sm font-semibold text-slate-700" data-testid="import-status">
          {STATUS_TEXT[run.status]}
        </p>
      </div>
      <div>
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          className="h-2 overflow-hidden rounded-full bg-slate-100"
        >
          <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${percent ?? 0}%` }} />
        </div>
        <p className="mt-1 text-xs text-slate-500">
          {percent === null ? 'Downloading the export from Amplitude…' : `${percent} % of the export read`}
          {run.etaSeconds !== null && ` · ${formatEta(run.etaSeconds)} left`}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        {(
          [
            ['Events read', run.eventsRead],
            ['Sent to Braze', run.objectsSent],
            ['Skipped', run.eventsSkipped],
            ['Failed', run.objectsFailed],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt className="text-slate-500">{label}</dt>
            <dd className="font-semibold tabular-nums text-slate-900">{number.format(value)}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-500">
        Sent counts Braze objects (user updates and events). Skipped: events live traffic already delivered, filtered out, or without a user ID.
      </p>
      {run.error && <Alert tone="error">{run.error}</Alert>}
      {steer.isError && (
        <Alert tone="error" live>
          {steer.error.message}
        </Alert>
      )}
      {ACTIONS[run.status].length > 0 && (
        <div className="flex gap-2">
          {ACTIONS[run.status].map((action) => (
            <Button
              key={action}
              size="sm"
              variant={action === 'cancel' ? 'ghost-danger' : 'secondary'}
              loading={steer.isPending && steer.variables?.action === action}
              onClick={() => steer.mutate({ importId: run.id, action })}
            >
              {ACTION_TEXT[action]}
            </Button>
          ))}
        </div>
      )}
    </article>
  );
}
