import { ChartCard } from '@/components/dashboard/ChartCard';
import { CountsChart } from '@/components/dashboard/CountsChart';
import { formatCount, formatLatency } from '@/components/dashboard/format';
import { LatencyChart } from '@/components/dashboard/LatencyChart';
import type { SyncMetrics } from '@/lib/client/dashboard-types';

/** The per-sync time series: outcomes, latency, retries and 429s, what was left out, requests, data points. */
export function MetricsCharts({ metrics }: { metrics: SyncMetrics }) {
  const { points, totals } = metrics;
  const rangeMs = Date.parse(metrics.to) - Date.parse(metrics.from);
  const per = metrics.resolution === 'minute' ? 'per minute' : 'per hour';
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard
        id="chart-delivery"
        title={`Delivered and refused, ${per}`}
        summary={`${formatCount(totals.delivered)} delivered; when they happened: ${formatCount(totals.notDelivered)} refused or not sendable, ${formatCount(totals.expired)} expired`}
      >
        <CountsChart
          points={points}
          rangeMs={rangeMs}
          stacked
          series={[
            { key: 'delivered', name: 'Delivered' },
            { key: 'notDelivered', name: 'Refused or not sendable' },
            { key: 'expired', name: 'Expired' },
          ]}
        />
      </ChartCard>
      <ChartCard id="chart-latency" title="Latency, ingestion to Braze" summary={`p50 ${formatLatency(totals.latencyP50Ms)}, p95 ${formatLatency(totals.latencyP95Ms)}, p99 ${formatLatency(totals.latencyP99Ms)}`}>
        <LatencyChart points={points} rangeMs={rangeMs} />
      </ChartCard>
      <ChartCard id="chart-retries" title={`Retries and rate limiting, ${per}`} summary={`${formatCount(totals.retried)} retried, ${formatCount(totals.rateLimited)} answered 429`}>
        <CountsChart
          points={points}
          rangeMs={rangeMs}
          series={[
            { key: 'retried', name: 'Retried' },
            { key: 'rateLimited', name: '429 (rate limited)' },
          ]}
        />
      </ChartCard>
      <ChartCard id="chart-left-out" title={`Left out, ${per}`} summary={`${formatCount(totals.skipped)} skipped without a user ID, ${formatCount(totals.filtered)} filtered out`}>
        <CountsChart
          points={points}
          rangeMs={rangeMs}
          stacked
          series={[
            { key: 'skipped', name: 'Skipped (no user ID)' },
            { key: 'filtered', name: 'Filtered out' },
          ]}
        />
      </ChartCard>
      <ChartCard id="chart-requests" title={`Requests to Braze, ${per}`} summary={`${formatCount(totals.requests)} requests to /users/track`}>
        <CountsChart points={points} rangeMs={rangeMs} series={[{ key: 'requests', name: 'Requests to /users/track' }]} />
      </ChartCard>
      <ChartCard id="chart-data-points" title={`Braze data points, ${per}`} summary={`${formatCount(totals.dataPointsSent)} sent, ${formatCount(totals.dataPointsSaved)} saved by de-duplication`}>
        <CountsChart
          points={points}
          rangeMs={rangeMs}
          series={[
            { key: 'dataPointsSent', name: 'Sent' },
            { key: 'dataPointsSaved', name: 'Saved by de-duplication' },
          ]}
        />
      </ChartCard>
    </div>
  );
}
