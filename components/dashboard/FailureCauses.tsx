'use client';

import { FailureGroupCard } from '@/components/dashboard/FailureGroupCard';
import { ReplayProgress } from '@/components/dashboard/ReplayProgress';
import { ReplayResult } from '@/components/dashboard/ReplayResult';
import { Alert } from '@/components/ui/Alert';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import { useReplayDeadLetters } from '@/lib/client/use-replay-dead-letters';
import { useSyncFailures } from '@/lib/client/use-sync-failures';
import type { TimeRange } from '@/lib/metrics/time-range';
import { TIME_RANGES } from '@/lib/metrics/time-range';

interface FailureCausesProps {
  syncId: string;
  range: TimeRange;
  replayBlocked: string | null;
  onShowInLog: (userId: string) => void;
}

/** Failures grouped by cause (HTTP status, Braze's error), each replayable once its cause is fixed, or fixed in the source when Braze refuses the content. */
export function FailureCauses({ syncId, range, replayBlocked, onShowInLog }: FailureCausesProps) {
  const failures = useSyncFailures(syncId, range);
  const replay = useReplayDeadLetters(syncId);

  if (failures.isPending) return <LoadingState label="Loading failures…" />;
  if (failures.isError && !failures.data) return <ErrorState message={failures.error.message} onRetry={() => void failures.refetch()} />;
  const { groups, replay: progress } = failures.data;
  const replayingCause = replay.isPending && replay.variables && 'cause' in replay.variables ? replay.variables.cause : null;

  return (
    <div className="space-y-4">
      <ReplayProgress replay={progress} />
      {replayBlocked && groups.some((g) => g.replayable) && (
        <Alert tone="warning" title="Fix the cause before replaying">
          {replayBlocked}
        </Alert>
      )}
      <ReplayResult data={replay.data} error={replay.error} />
      {groups.length === 0 ? (
        <EmptyState title="No failures">Braze accepted everything this sync sent ({TIME_RANGES[range].label.toLowerCase()}), or every failure was replayed.</EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Failures by cause">
          {groups.map((g) => (
            <li key={`${g.kind}|${g.status}|${g.error}`}>
              <FailureGroupCard
                group={g}
                replayBlocked={replayBlocked}
                replaying={replayingCause !== null && replayingCause.kind === g.kind && replayingCause.status === g.status && replayingCause.error === g.error}
                onReplay={(group) => replay.mutate({ cause: { kind: group.kind, status: group.status, error: group.error } })}
                onShowInLog={onShowInLog}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
