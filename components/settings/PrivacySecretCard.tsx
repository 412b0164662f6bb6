'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { CopyButton } from '@/components/ui/CopyButton';
import { inputClass } from '@/components/ui/Field';
import { SectionCard } from '@/components/ui/SectionCard';
import { useRotatePrivacySecret } from '@/lib/client/use-privacy-mutations';

/**
 * The User Privacy API's secret key: made here and shown once (only its digest is stored), with a
 * request that works as pasted. Making a new one stops the old one at once.
 */
export function PrivacySecretCard({ apiKey, serverUrl, secretLast4 }: { apiKey: string; serverUrl: string; secretLast4: string | null }) {
  const [confirming, setConfirming] = useState(false);
  const rotate = useRotatePrivacySecret();
  const shown = rotate.data?.secretKey;
  const curl = `curl -u '${apiKey}:${shown ?? 'SECRET_KEY'}' -H 'Content-Type: application/json' -d '{"user_ids": ["USER_ID"], "requester": "privacy@example.com"}' ${serverUrl}/api/2/deletions/users`;
  const make = () => (secretLast4 ? setConfirming(true) : rotate.mutate());
  return (
    <SectionCard
      id="privacy-api"
      title="User Privacy API"
      description="Delete users from scripts, as with Amplitude's User Privacy API: Basic auth with the API key and this secret key."
    >
      <div className="space-y-3">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="font-medium text-slate-800">Secret key</span>
          <span className="font-mono text-slate-600">{secretLast4 ? `…${secretLast4}` : 'none yet'}</span>
          <Button size="sm" variant={secretLast4 ? 'ghost-danger' : 'primary'} onClick={make} loading={rotate.isPending && !confirming}>
            {secretLast4 ? 'Make a new secret key' : 'Create secret key'}
          </Button>
        </div>
        {shown && (
          <Alert tone="success" live title="Copy the secret key now: it is not shown again">
            <div className="mt-2 flex flex-wrap items-center gap-3">
              <input aria-label="New secret key" readOnly value={shown} className={`${inputClass} max-w-md font-mono`} onFocus={(e) => e.target.select()} />
              <CopyButton text={shown} label="Copy secret key" />
            </div>
          </Alert>
        )}
        {rotate.isError && !confirming && <Alert tone="error">{rotate.error.message}</Alert>}
        <div className="space-y-1">
          <p className="text-sm text-slate-600">Delete a user (answers with the deletion job, as Amplitude does):</p>
          <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 text-xs text-slate-100">{curl}</pre>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Make a new secret key?"
        confirmLabel="Make new key"
        pending={rotate.isPending}
        error={rotate.error?.message}
        onCancel={() => setConfirming(false)}
        onConfirm={() => rotate.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        Scripts using the current secret key are refused at once, until you give them the new one.
      </ConfirmDialog>
    </SectionCard>
  );
}
