'use client';

import { IngestionEndpoints } from '@/components/settings/IngestionEndpoints';
import { PageHeader } from '@/components/PageHeader';
import { ApiKeyCard } from '@/components/settings/ApiKeyCard';
import { ApiTokensCard } from '@/components/settings/ApiTokensCard';
import { SdkSnippets } from '@/components/settings/SdkSnippets';
import { AlertSettingsCard } from '@/components/settings/AlertSettingsCard';
import { ForwardToAmplitudeCard } from '@/components/settings/ForwardToAmplitudeCard';
import { UserDeletionCard } from '@/components/settings/UserDeletionCard';
import { ErrorState, LoadingState } from '@/components/ui/States';
import { useProject } from '@/lib/client/use-project';

export function ProjectSettingsPage() {
  const project = useProject();
  return (
    <>
      <PageHeader title="Project settings" description="How your Amplitude SDKs send events to this server, and API tokens for scripts." />
      {project.isPending && <LoadingState label="Loading the project…" />}
      {project.isError && <ErrorState message={project.error.message} onRetry={() => void project.refetch()} />}
      {project.data && (
        <div className="space-y-6">
          <ApiKeyCard apiKey={project.data.apiKey} />
          <SdkSnippets apiKey={project.data.apiKey} serverUrl={project.data.serverUrl} />
          <IngestionEndpoints serverUrl={project.data.serverUrl} />
          <ForwardToAmplitudeCard />
          <AlertSettingsCard />
          <UserDeletionCard apiKey={project.data.apiKey} serverUrl={project.data.serverUrl} />
          <ApiTokensCard />
        </div>
      )}
    </>
  );
}
