'use client';

import { useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { EnableDryRunDialog } from '@/components/dry-run/EnableDryRunDialog';
import { Switch } from '@/components/ui/Switch';
import type { SyncFormValues } from '@/lib/syncs/schema';

interface SyncStatusControlProps {
  isNew: boolean;
  /** Set when the stored sync is a dry run: turning it to Enabled shows its estimate first. */
  dryRunSync: { id: string; name: string } | null;
}

/**
 * The setup header's status: the Enabled switch, and next to it the dry run ("Start as dry run"
 * on a new sync), which measures what the sync would send and sends nothing. The two exclude
 * each other.
 */
export function SyncStatusControl({ isNew, dryRunSync }: SyncStatusControlProps) {
  const { control, setValue } = useFormContext<SyncFormValues>();
  const enabled = Boolean(useWatch({ control, name: 'enabled' }));
  const dryRun = Boolean(useWatch({ control, name: 'dryRun' }));
  const [confirming, setConfirming] = useState(false);
  const choose = (next: { enabled: boolean; dryRun: boolean }) => {
    setValue('enabled', next.enabled, { shouldDirty: true });
    setValue('dryRun', next.dryRun, { shouldDirty: true });
  };
  const onEnabled = (on: boolean) => {
    if (on && dryRunSync) setConfirming(true);
    else choose({ enabled: on, dryRun: on ? false : dryRun });
  };
  return (
    <div className="flex flex-wrap items-center gap-4">
      <Switch id="sync-status" label="Status" checked={enabled} onChange={onEnabled} onText="Enabled" offText={dryRun ? undefined : 'Disabled'} />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="h-4 w-4 rounded border-slate-300 text-brand-600"
          checked={dryRun}
          onChange={(e) => choose({ enabled: false, dryRun: e.target.checked })}
        />
        {isNew ? 'Start as dry run' : 'Dry run'}
      </label>
      {dryRunSync && (
        <EnableDryRunDialog
          open={confirming}
          syncId={dryRunSync.id}
          syncName={dryRunSync.name}
          note="Then Save: the sync sends from the moment it is saved."
          onConfirm={() => {
            choose({ enabled: true, dryRun: false });
            setConfirming(false);
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
