'use client';

import { formatMoment } from '@/components/dashboard/format';
import { Badge } from '@/components/ui/Badge';
import type { PrivacyOverview } from '@/lib/privacy/overview';

type Request = PrivacyOverview['requests'][number];
type Step = Request['steps'][number];

const REQUEST_STATUS = {
  staging: { label: 'Waiting to start', tone: 'gray' },
  submitted: { label: 'In progress', tone: 'blue' },
  done: { label: 'Done', tone: 'green' },
} as const;

const STEP_STATUS = {
  pending: { label: 'Waiting', tone: 'gray' },
  retrying: { label: 'Retrying', tone: 'amber' },
  done: { label: 'Done', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
} as const;

function stepName(step: Step): string {
  return step.kind === 'purge' ? 'Copies in this product removed' : `Braze /users/delete — ${step.syncName ?? 'deleted sync'}`;
}

function StepRow({ step }: { step: Step }) {
  const status = STEP_STATUS[step.status as keyof typeof STEP_STATUS] ?? STEP_STATUS.pending;
  return (
    <li className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 text-sm">
      <Badge tone={status.tone}>{status.label}</Badge>
      <span className="font-medium text-slate-800">{stepName(step)}</span>
      {step.attempts > 1 && <span className="text-xs text-slate-500">{step.attempts} attempts</span>}
      {step.detail && <span className="w-full pl-1 text-xs text-slate-600">{step.detail}</span>}
    </li>
  );
}

/** Recent deletions, newest first: who asked, which users, and each step with its outcome. */
export function DeletionRequestList({ requests }: { requests: Request[] }) {
  if (requests.length === 0) return <p className="text-sm text-slate-500">No deletions yet.</p>;
  return (
    <ul aria-label="Deletion requests" className="divide-y divide-slate-100 rounded-lg border border-slate-200">
      {requests.map((r) => {
        const status = REQUEST_STATUS[r.status as keyof typeof REQUEST_STATUS] ?? REQUEST_STATUS.staging;
        return (
          <li key={r.id} aria-label={`Deletion of ${r.userIds.join(', ')}`} className="space-y-2 px-4 py-3">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
              <Badge tone={status.tone}>{status.label}</Badge>
              <span className="font-mono text-slate-900">{[...r.userIds, ...r.amplitudeIds.map((id) => `amplitude_id ${id}`)].join(', ')}</span>
              <span className="text-slate-500">
                {formatMoment(r.createdAt)} · {r.source === 'api' ? 'User Privacy API' : 'Settings'}
                {r.requester ? ` · ${r.requester}` : ''}
              </span>
            </div>
            <ul className="space-y-1.5 pl-1">
              {r.steps.map((s) => (
                <StepRow key={s.id} step={s} />
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
