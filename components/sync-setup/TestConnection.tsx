'use client';

import { useFormContext } from 'react-hook-form';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useTestConnection } from '@/lib/client/use-test-connection';
import { type SyncFormValues, testConnectionSchema } from '@/lib/syncs/schema';

/** A harmless Braze call with the endpoint and key as typed (or the stored key when blank). */
export function TestConnection({ syncId }: { syncId?: string }) {
  const { getValues, setError, clearErrors } = useFormContext<SyncFormValues>();
  const test = useTestConnection();

  const run = () => {
    const parsed = testConnectionSchema.safeParse({ brazeEndpoint: getValues('brazeEndpoint'), restApiKey: getValues('restApiKey'), syncId });
    test.reset();
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'restApiKey' ? 'restApiKey' : 'brazeEndpoint';
        setError(field, { type: 'test', message: issue.message }, { shouldFocus: true });
      }
      return;
    }
    clearErrors(['brazeEndpoint', 'restApiKey']);
    test.mutate(parsed.data);
  };

  const result = test.data;
  return (
    <div className="space-y-3 border-t border-slate-100 pt-5">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={run} loading={test.isPending}>
          Test connection
        </Button>
        <span className="text-sm text-slate-500">Checks the endpoint and the key with Braze; nothing is written.</span>
      </div>
      {result?.ok && (
        <Alert tone="success" live title="Connection works">
          {result.message}
        </Alert>
      )}
      {result && !result.ok && (
        <Alert tone="error" live title="Connection failed">
          {result.message}
          {result.status !== null && <span className="block pt-1 text-xs opacity-80">Braze answered HTTP {result.status}.</span>}
        </Alert>
      )}
      {test.error && (
        <Alert tone="error" live title="Could not test the connection">
          {test.error.message}
        </Alert>
      )}
    </div>
  );
}
