'use client';

import { EstimateFigures } from '@/components/dry-run/EstimateFigures';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useDryRunEstimate } from '@/lib/client/use-dry-run-estimate';

interface EnableDryRunDialogProps {
  open: boolean;
  syncId: string;
  syncName: string;
  /** What confirming does, said under the figures (e.g. that the form must still be saved). */
  note?: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  error?: string;
}

/** Switching a dry run to Enabled: its estimate once more, before it starts sending (and costing). */
export function EnableDryRunDialog({ open, syncId, syncName, note, onConfirm, onCancel, pending, error }: EnableDryRunDialogProps) {
  const estimate = useDryRunEstimate(syncId, open);
  return (
    <ConfirmDialog open={open} title={`Enable ${syncName}?`} confirmLabel="Enable and send to Braze" onConfirm={onConfirm} onCancel={onCancel} pending={pending} error={error}>
      <div className="space-y-3">
        <p>Its dry run measured what it would send. Enabled, it sends that to Braze from now on:</p>
        {estimate.data ? <EstimateFigures estimate={estimate.data} compact /> : <p>{estimate.error ? estimate.error.message : 'Loading the estimate…'}</p>}
        {note && <p>{note}</p>}
      </div>
    </ConfirmDialog>
  );
}
