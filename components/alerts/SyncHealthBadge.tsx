'use client';

import { Badge } from '@/components/ui/Badge';
import { useSyncHealth } from '@/lib/client/use-sync-health';
import type { HealthState } from '@/lib/health-states/health-state';

const BADGES: Record<HealthState, { tone: 'green' | 'amber' | 'red' | 'gray' | 'blue'; label: string }> = {
  healthy: { tone: 'green', label: 'Healthy' },
  degraded: { tone: 'amber', label: 'Degraded' },
  failing: { tone: 'red', label: 'Failing' },
  paused: { tone: 'gray', label: 'Paused' },
  dry_run: { tone: 'blue', label: 'Dry run' },
};

function sinceText(since: string): string {
  const minutes = Math.floor((Date.now() - Date.parse(since)) / 60_000);
  if (minutes < 1) return '< 1 min';
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h`;
}

/**
 * A sync's health as the worker last judged it, with why (for degraded and failing) and for how
 * long. Nothing while the worker has not judged it yet.
 */
export function SyncHealthBadge({ syncId, showReason = false }: { syncId: string; showReason?: boolean }) {
  const health = useSyncHealth().data?.get(syncId);
  if (!health) return null;
  const { tone, label } = BADGES[health.state];
  const explain = showReason && (health.state === 'degraded' || health.state === 'failing');
  return (
    <span className="inline-flex max-w-md flex-col gap-1">
      <span title={health.reason} className="inline-flex items-center gap-2">
        <Badge tone={tone}>
          <span className="sr-only">Health: </span>
          {label}
        </Badge>
        <span className="whitespace-nowrap text-xs text-slate-500">for {sinceText(health.since)}</span>
      </span>
      {explain && <span className="text-xs text-slate-600">{health.reason}</span>}
    </span>
  );
}
