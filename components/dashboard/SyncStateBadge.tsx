import { Badge } from '@/components/ui/Badge';
import type { SyncState } from '@/lib/client/dashboard-types';

const BADGES: Record<SyncState, { tone: 'green' | 'gray' | 'amber' | 'blue'; label: string }> = {
  enabled: { tone: 'green', label: 'Enabled' },
  dry_run: { tone: 'blue', label: 'Dry run' },
  disabled: { tone: 'gray', label: 'Disabled' },
  paused: { tone: 'amber', label: 'Paused by the system' },
};

export function SyncStateBadge({ state }: { state: SyncState }) {
  return <Badge tone={BADGES[state].tone}>{BADGES[state].label}</Badge>;
}
