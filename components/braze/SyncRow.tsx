'use client';

import Link from 'next/link';
import { useState } from 'react';
import { DeleteSyncButton } from '@/components/braze/DeleteSyncButton';
import { EnableDryRunDialog } from '@/components/dry-run/EnableDryRunDialog';
import { SyncHealthBadge } from '@/components/alerts/SyncHealthBadge';
import { SyncStateBadge } from '@/components/dashboard/SyncStateBadge';
import { Badge } from '@/components/ui/Badge';
import { Switch } from '@/components/ui/Switch';
import type { SyncView } from '@/lib/client/types';
import { useSetSyncStatus } from '@/lib/client/use-set-sync-status';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function SyncRow({ sync }: { sync: SyncView }) {
  const setStatus = useSetSyncStatus();
  // Shown at once while the change is saved; the list's refreshed answer takes over after.
  const [pending, setPending] = useState<boolean | null>(null);
  // A dry run is switched to Enabled only after its estimate was shown once more.
  const [confirming, setConfirming] = useState(false);
  const enabled = pending ?? sync.enabled;
  const save = (next: boolean) => {
    setPending(next);
    setStatus.mutate({ id: sync.id, enabled: next }, { onSettled: () => setPending(null) });
  };
  const toggle = (next: boolean) => (next && sync.dryRun ? setConfirming(true) : save(next));
  return (
    <tr className="align-middle">
      <td className="px-4 py-3">
        <Link href={`/syncs/${sync.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
          {sync.name}
        </Link>
        <p className="text-xs text-slate-500">{hostOf(sync.brazeEndpoint)}</p>
        {sync.enabled && sync.pausedReason && <p className="mt-1 max-w-md text-xs text-amber-800">{sync.pausedReason}</p>}
        {setStatus.isError && (
          <p role="alert" className="mt-1 text-xs text-red-600">
            {setStatus.error.message}
          </p>
        )}
      </td>
      <td className="space-x-1 px-4 py-3">
        {sync.sendEvents && <Badge tone="blue">Events</Badge>}
        {sync.sendUsers && <Badge tone="blue">Users</Badge>}
        {!sync.sendEvents && !sync.sendUsers && <span className="text-slate-400">Nothing</span>}
      </td>
      <td className="px-4 py-3">
        {/* A paused sync sends nothing: its state replaces the Enabled switch until it is fixed. */}
        {sync.enabled && sync.pausedReason && pending === null ? (
          <span className="inline-flex flex-col items-start gap-1">
            <SyncStateBadge state="paused" />
            <Link href={`/syncs/${sync.id}`} className="text-xs font-medium text-brand-700 underline hover:text-brand-600">
              Fix the sync
            </Link>
          </span>
        ) : (
          <Switch
            id={`status-${sync.id}`}
            label={`Status of ${sync.name}`}
            compact
            checked={enabled}
            disabled={setStatus.isPending}
            onChange={toggle}
            onText="Enabled"
            offText={sync.dryRun ? <SyncStateBadge state="dry_run" /> : 'Disabled'}
          />
        )}
        {sync.dryRun && (
          <EnableDryRunDialog
            open={confirming}
            syncId={sync.id}
            syncName={sync.name}
            onConfirm={() => {
              setConfirming(false);
              save(true);
            }}
            onCancel={() => setConfirming(false)}
          />
        )}
      </td>
      <td className="px-4 py-3">
        <SyncHealthBadge syncId={sync.id} showReason />
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-right">
        <Link
          href={`/syncs/${sync.id}`}
          aria-label={`Edit ${sync.name}`}
          className="mr-1 inline-flex h-8 items-center rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          Edit
        </Link>
        <DeleteSyncButton sync={sync} />
      </td>
    </tr>
  );
}
