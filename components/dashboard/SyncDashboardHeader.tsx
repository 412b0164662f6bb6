import Link from 'next/link';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { LiveIndicator } from '@/components/dashboard/LiveIndicator';
import { RangePicker } from '@/components/dashboard/RangePicker';
import { SyncStateBadge } from '@/components/dashboard/SyncStateBadge';
import { SyncHealthBadge } from '@/components/alerts/SyncHealthBadge';
import { SyncHealthNotice } from '@/components/alerts/SyncHealthNotice';
import { asSentence } from '@/components/dashboard/format';
import { Alert } from '@/components/ui/Alert';
import type { SyncState } from '@/lib/client/dashboard-types';
import type { SyncView } from '@/lib/client/types';
import type { TimeRange } from '@/lib/metrics/time-range';
import { describePause } from '@/lib/syncs/sync-state';

interface SyncDashboardHeaderProps {
  sync: SyncView;
  state: SyncState;
  range: TimeRange;
  onRange: (range: TimeRange) => void;
  updatedAt: number;
  failing: boolean;
}

export function SyncDashboardHeader({ sync, state, range, onRange, updatedAt, failing }: SyncDashboardHeaderProps) {
  const settings = `/syncs/${sync.id}`;
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ label: 'Delivery', href: '/dashboard' }, { label: sync.name }]} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{sync.name}</h1>
            <SyncStateBadge state={state} />
            <SyncHealthBadge syncId={sync.id} />
          </div>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 text-sm text-slate-500">
            <span>Braze · Event Streaming</span>
            <Link href={settings} className="font-medium text-brand-700 underline hover:text-brand-600">
              Sync settings
            </Link>
          </p>
        </div>
        <div className="flex flex-col items-end gap-2">
          <RangePicker value={range} onChange={onRange} />
          <LiveIndicator updatedAt={updatedAt} failing={failing} />
        </div>
      </div>
      {state === 'dry_run' && (
        <Alert
          tone="info"
          title="Dry run"
          action={
            <Link href={settings} className="font-medium underline">
              See its estimate
            </Link>
          }
        >
          This sync measures what it would send and sends nothing to Braze: its delivery figures stay empty until it is enabled.
        </Alert>
      )}
      {state === 'paused' && (
        <Alert
          tone="warning"
          title="Paused by the system"
          action={
            <Link href={settings} className="font-medium underline">
              Fix the credentials in the sync settings
            </Link>
          }
        >
          {describePause(sync.pauseCause).lead}: {asSentence(sync.pausedReason ?? '')} {describePause(sync.pauseCause).remedy}
        </Alert>
      )}
      <SyncHealthNotice syncId={sync.id} />
      {state === 'disabled' && (
        <Alert tone="info" title="This sync is disabled">
          It sends nothing; events that arrive meanwhile are counted as filtered out.
        </Alert>
      )}
    </div>
  );
}
