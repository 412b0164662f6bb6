import type { Metadata } from 'next';
import { SyncDashboardPage } from '@/components/dashboard/SyncDashboardPage';
import { DEFAULT_TIME_RANGE, timeRangeSchema } from '@/lib/metrics/time-range';

export const metadata: Metadata = { title: 'Sync delivery' };

/** `/dashboard/syncs/<id>?range=7d`: one sync's charts, failures, delivery log and replay. */
export default async function SyncDashboardRoute({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ range?: string | string[] }> }) {
  const [{ id }, { range }] = await Promise.all([params, searchParams]);
  return <SyncDashboardPage syncId={id} initialRange={timeRangeSchema.catch(DEFAULT_TIME_RANGE).parse(range)} />;
}
