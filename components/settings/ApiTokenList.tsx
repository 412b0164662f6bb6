'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { EmptyState } from '@/components/ui/States';
import { useRevokeApiToken } from '@/lib/client/use-revoke-api-token';
import type { ApiTokenView } from '@/lib/tokens/repository';

const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string | null) => (iso ? formatter.format(new Date(iso)) : 'Never');

export function ApiTokenList({ tokens }: { tokens: ApiTokenView[] }) {
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const revoke = useRevokeApiToken();
  if (tokens.length === 0) return <EmptyState title="No API tokens">Create one for a script or for `npm run syncs` on another machine.</EmptyState>;
  return (
    <>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">API tokens</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Name</th>
            <th scope="col" className="py-2 pr-4 font-medium">Token</th>
            <th scope="col" className="py-2 pr-4 font-medium">Created</th>
            <th scope="col" className="py-2 pr-4 font-medium">Last used</th>
            <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row" className="py-2 pr-4 font-medium text-slate-900">{token.name}</th>
              <td className="py-2 pr-4 font-mono text-slate-600">{token.hint}</td>
              <td className="py-2 pr-4 text-slate-600">{when(token.createdAt)} by {token.createdBy}</td>
              <td className="py-2 pr-4 text-slate-600">{when(token.lastUsedAt)}</td>
              <td className="py-2 text-right">
                <Button size="sm" variant="ghost-danger" aria-label={`Revoke ${token.name}`} onClick={() => setRevoking(token)}>
                  Revoke
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke "${revoking?.name ?? ''}"?`}
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.error?.message}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      >
        Scripts using this token are refused from their next request. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
