'use client';

import Link from 'next/link';
import { LiveIndicator } from '@/components/dashboard/LiveIndicator';
import { ForwardingSection } from '@/components/dashboard/ForwardingSection';
import { OverviewTable } from '@/components/dashboard/OverviewTable';
import { PipelineStrip } from '@/components/dashboard/PipelineStrip';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import { useDashboardOverview } from '@/lib/client/use-dashboard-overview';

/** The overview of every sync: is each one healthy, and is anything piling up? */
export function DashboardPage() {
  const overview = useDashboardOverview();
  const { data } = overview;
  // Ages are measured against the server's clock, the one that stamped the jobs.
  const now = data ? Date.parse(data.generatedAt) : 0;

  return (
    <>
      <PageHeader
        title="Delivery"
        description="What reached Braze, what did not, and what is still waiting, for every sync."
        actions={data && <LiveIndicator updatedAt={overview.dataUpdatedAt} failing={overview.isRefetchError} />}
      />
      {overview.isPending && <LoadingState label="Loading delivery metrics…" />}
      {overview.isError && !data && <ErrorState title="Could not load delivery metrics" message={overview.error.message} onRetry={() => void overview.refetch()} />}
      {data && (
        <div className="space-y-6">
          <PipelineStrip pipeline={data.pipeline} now={now} />
          <ForwardingSection now={now} />
          <section aria-labelledby="syncs-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
            <header className="border-b border-slate-100 px-6 py-4">
              <h2 id="syncs-title" className="text-base font-semibold text-slate-900">
                Syncs
              </h2>
              <p className="mt-0.5 text-sm text-slate-500">
                Counted in Braze objects (events and user updates); hover a ? for what a figure means. Open a sync for its charts, its failures and their replay.
              </p>
            </header>
            {data.syncs.length === 0 ? (
              <div className="p-4">
                <EmptyState
                  title="No syncs yet"
                  action={
                    <Link href="/catalog/destinations/braze" className="text-sm font-medium text-brand-700 underline hover:text-brand-600">
                      Set up a Braze sync
                    </Link>
                  }
                >
                  Delivery metrics appear here once a sync streams events to Braze.
                </EmptyState>
              </div>
            ) : (
              <div className="p-2">
                <OverviewTable overview={data} now={now} />
              </div>
            )}
          </section>
        </div>
      )}
    </>
  );
}
