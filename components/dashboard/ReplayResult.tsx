import { describeObjects } from '@/components/dashboard/objects';
import { Alert } from '@/components/ui/Alert';
import type { ReplayQueued } from '@/lib/dead-letters/replay';

/** What the last Replay did: how many objects it queued, or why it did not. */
export function ReplayResult({ data, error }: { data: ReplayQueued | undefined; error: Error | null }) {
  if (error) {
    return (
      <Alert tone="error" live title="Not replayed">
        {error.message}
      </Alert>
    );
  }
  if (!data) return null;
  return (
    <Alert tone="success" live>
      {data.queued === 0
        ? 'Nothing queued: the selected objects are being replayed already, or were delivered.'
        : `${describeObjects(data)} queued for replay. Objects Braze already accepted are never sent again; attributes a newer value has replaced meanwhile are left out.`}
    </Alert>
  );
}
