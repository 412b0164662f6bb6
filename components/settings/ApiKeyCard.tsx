'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { CopyButton } from '@/components/ui/CopyButton';
import { inputClass } from '@/components/ui/Field';
import { SectionCard } from '@/components/ui/SectionCard';
import { useRotateProjectKey } from '@/lib/client/use-rotate-project-key';

export function ApiKeyCard({ apiKey }: { apiKey: string }) {
  const [confirming, setConfirming] = useState(false);
  const rotate = useRotateProjectKey();
  return (
    <SectionCard id="api-key" title="Ingestion API key" description="SDKs send it with every request; events with another key are refused.">
      <div className="space-y-1.5">
        <label htmlFor="project-api-key" className="block text-sm font-medium text-slate-800">
          API key
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <input id="project-api-key" readOnly value={apiKey} className={`${inputClass} max-w-md font-mono`} onFocus={(e) => e.target.select()} />
          <CopyButton text={apiKey} label="Copy API key" />
          <Button size="sm" variant="ghost-danger" onClick={() => setConfirming(true)}>
            Rotate key
          </Button>
        </div>
      </div>
      {rotate.isSuccess && (
        <Alert tone="success" live>
          A new API key is in use. Update your SDKs: the old key is refused within seconds.
        </Alert>
      )}
      <ConfirmDialog
        open={confirming}
        title="Rotate the API key?"
        confirmLabel="Rotate key"
        pending={rotate.isPending}
        error={rotate.error?.message}
        onCancel={() => setConfirming(false)}
        onConfirm={() => rotate.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        A new key replaces the current one. SDKs still sending the current key are refused within seconds, until you update them with the new key.
      </ConfirmDialog>
    </SectionCard>
  );
}
