'use client';

import { useState } from 'react';
import { ApiTokenList } from '@/components/settings/ApiTokenList';
import { CreateApiTokenForm } from '@/components/settings/CreateApiTokenForm';
import { Alert } from '@/components/ui/Alert';
import { CopyButton } from '@/components/ui/CopyButton';
import { inputClass } from '@/components/ui/Field';
import { SectionCard } from '@/components/ui/SectionCard';
import { ErrorState, LoadingState } from '@/components/ui/States';
import { useApiTokens } from '@/lib/client/use-api-tokens';

/** Tokens for the management API; a new token is shown here once and never again. */
export function ApiTokensCard() {
  const tokens = useApiTokens();
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  return (
    <SectionCard
      id="api-tokens"
      title="API tokens"
      description={
        <>
          For scripts and <code className="font-mono">npm run syncs -- --url … --token …</code>: sent as <code className="font-mono">Authorization: Bearer</code>, a token
          manages syncs through the management API. It cannot manage tokens or sign in to the UI.
        </>
      }
    >
      <CreateApiTokenForm onCreated={(token, name) => setCreated({ token, name })} />
      {created && (
        <Alert tone="success" live title={`Token "${created.name}" created`}>
          <p>Copy it now: it is not shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <input aria-label="New API token" readOnly value={created.token} className={`${inputClass} max-w-xl font-mono`} onFocus={(e) => e.target.select()} />
            <CopyButton text={created.token} label="Copy API token" />
          </div>
        </Alert>
      )}
      {tokens.isPending && <LoadingState label="Loading API tokens…" />}
      {tokens.isError && <ErrorState message={tokens.error.message} onRetry={() => void tokens.refetch()} />}
      {tokens.data && <ApiTokenList tokens={tokens.data} />}
    </SectionCard>
  );
}
