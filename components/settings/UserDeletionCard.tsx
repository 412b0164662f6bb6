'use client';

import { DeleteUserForm } from '@/components/settings/DeleteUserForm';
import { DeletionRequestList } from '@/components/settings/DeletionRequestList';
import { GraceDaysForm } from '@/components/settings/GraceDaysForm';
import { PrivacySecretCard } from '@/components/settings/PrivacySecretCard';
import { RefusedUserList } from '@/components/settings/RefusedUserList';
import { SectionCard } from '@/components/ui/SectionCard';
import { ErrorState, LoadingState } from '@/components/ui/States';
import { usePrivacyOverview } from '@/lib/client/use-privacy-overview';

/** User deletion (GDPR/CCPA): delete a user here or by API, and follow every deletion's steps. */
export function UserDeletionCard({ apiKey, serverUrl }: { apiKey: string; serverUrl: string }) {
  const overview = usePrivacyOverview();
  if (overview.isPending) return <LoadingState label="Loading deletions…" />;
  if (overview.isError) return <ErrorState message={overview.error.message} onRetry={() => void overview.refetch()} />;
  const { graceDays, requests, refusedUsers, secretLast4 } = overview.data;
  return (
    <>
      <SectionCard
        id="user-deletion"
        title="Delete a user"
        description="Deletes the user's profile in Braze and every copy this product keeps: stored properties, caches, queued events, dead letters and log entries."
      >
        <div className="space-y-6">
          <DeleteUserForm graceDays={graceDays} />
          <GraceDaysForm graceDays={graceDays} />
          <RefusedUserList users={refusedUsers} />
          <div className="space-y-2">
            <h3 className="text-sm font-semibold text-slate-800">Deletion requests</h3>
            <DeletionRequestList requests={requests} />
          </div>
        </div>
      </SectionCard>
      <PrivacySecretCard apiKey={apiKey} serverUrl={serverUrl} secretLast4={secretLast4} />
    </>
  );
}
