import { formatCount } from '@/components/dashboard/format';
import { StatCard } from '@/components/dashboard/StatCard';
import type { SyncMetrics } from '@/lib/client/dashboard-types';
import type { SyncView } from '@/lib/client/types';
import { COUNTER_DESCRIPTIONS } from '@/lib/metrics/counter-descriptions';

/**
 * Anonymous users' alias profiles merged into their identified users in the range, for syncs that
 * send anonymous users (or merged some in the range before it was turned off).
 */
export function IdentifiedAliases({ sync, totals }: { sync: Pick<SyncView, 'sendAnonymousUsers' | 'anonymousAliasLabel' | 'identifierType'>; totals: SyncMetrics['totals'] }) {
  if (!sync.sendAnonymousUsers && totals.identifiedAliases === 0) return null;
  const merges = sync.identifierType === 'EXTERNAL_ID';
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <StatCard
        compact
        label="Identified aliases"
        value={formatCount(totals.identifiedAliases)}
        meaning={COUNTER_DESCRIPTIONS.identifiedAliases}
        detail={
          merges
            ? `Anonymous profiles (alias label ${sync.anonymousAliasLabel}) merged on login; the calls are in the delivery log`
            : 'Not merged: merging needs the External ID mapping'
        }
      />
    </div>
  );
}
