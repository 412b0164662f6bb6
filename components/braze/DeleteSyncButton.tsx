'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import type { SyncView } from '@/lib/client/types';
import { useDeleteSync } from '@/lib/client/use-delete-sync';

export function DeleteSyncButton({ sync, onDeleted }: { sync: Pick<SyncView, 'id' | 'name'>; onDeleted?: () => void }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteSync();
  return (
    <>
      <Button size="sm" variant="ghost-danger" aria-label={`Delete ${sync.name}`} onClick={() => setOpen(true)}>
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete "${sync.name}"?`}
        confirmLabel="Delete sync"
        pending={remove.isPending}
        error={remove.error?.message}
        onCancel={() => {
          setOpen(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(sync.id, {
            onSuccess: () => {
              setOpen(false);
              onDeleted?.();
            },
          })
        }
      >
        The sync stops sending at once and its settings, stored credentials and delivery history are deleted. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
