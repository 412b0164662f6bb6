'use client';

import { formatCount } from '@/components/dashboard/format';
import { StatCard } from '@/components/dashboard/StatCard';
import { useSyncDeletions } from '@/lib/client/use-sync-deletions';

/** User deletions sent to this sync's Braze workspace (all time), beside the delivery figures. */
export function DeletionsForwarded({ syncId }: { syncId: string }) {
  const deletions = useSyncDeletions(syncId);
  const d = deletions.data;
  if (!d) return null;
  const detail = [
    `${formatCount(d.deletedInBraze)} profile${d.deletedInBraze === 1 ? '' : 's'} deleted in Braze`,
    d.inProgress > 0 ? `${formatCount(d.inProgress)} in progress` : null,
    d.failed > 0 ? `${formatCount(d.failed)} failed (see Settings)` : null,
  ].filter(Boolean).join(' · ');
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <StatCard
        compact
        label="Deletions forwarded"
        value={formatCount(d.forwarded)}
        tone={d.failed > 0 ? 'bad' : 'normal'}
        meaning="User deletions (Settings or the User Privacy API) this sync sent to Braze as /users/delete, since it was created."
        detail={detail}
      />
    </div>
  );
}
