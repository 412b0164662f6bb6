'use client';

import { Alert } from '@/components/ui/Alert';
import { useSyncHealth } from '@/lib/client/use-sync-health';

/** On a sync's page: why it is degraded or failing, as the worker last judged it. */
export function SyncHealthNotice({ syncId }: { syncId: string }) {
  const health = useSyncHealth().data?.get(syncId);
  if (health?.state !== 'degraded' && health?.state !== 'failing') return null;
  const since = new Date(health.since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <Alert tone={health.state === 'failing' ? 'error' : 'warning'} title={`${health.state === 'failing' ? 'Failing' : 'Degraded'} since ${since}`}>
      {health.reason}
    </Alert>
  );
}
