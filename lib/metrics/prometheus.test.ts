import { describe, expect, it } from 'vitest';
import { emptyHistogram, LATENCY_BOUNDS_MS, latencyBucketOf } from '@/lib/metrics/latency';
import { renderPrometheus, type PrometheusInput } from '@/lib/metrics/prometheus';
import { emptyTotals } from '@/lib/metrics/queries';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

/** Latencies of 120 ms, 120 ms, 1.5 s and 20 minutes, as the recorder counts them. */
function latencies(...ms: number[]) {
  const buckets = emptyHistogram();
  for (const v of ms) buckets[latencyBucketOf(v)]! += 1;
  return { buckets, sumMs: ms.reduce((a, b) => a + b, 0) };
}

const input: PrometheusInput = {
  syncs: [
    {
      id: 's1',
      name: 'Braze "prod"',
      state: 'paused',
      lifetime: { ...emptyTotals(), delivered: 1_234_567_890_123, notDelivered: 5, rateLimited: 2 },
      latency: latencies(120, 120, 1_500, 1_200_000),
      backlogObjects: 75,
    },
    { id: 's2', name: 'Quiet', state: 'disabled', lifetime: emptyTotals(), latency: latencies(), backlogObjects: 0 },
  ],
  queues: {
    ingest: { waiting: 3, active: 1, delayed: 0, failed: 0, oldestAt: NOW - 42_000 },
    deliver: { waiting: 0, active: 0, delayed: 2, failed: 1, oldestAt: null },
  },
  liveWorkers: 2,
  now: NOW,
  health: [],
};

describe('renderPrometheus', () => {
  it('exposes every delivery counter per sync as a lifetime counter labelled by sync_id only, with HELP and TYPE', async () => {
    const text = await renderPrometheus(input);
    expect(text).toContain('# TYPE braze_streaming_delivered_total counter');
    expect(text).toContain('# HELP braze_streaming_delivered_total Objects (events and user updates) Braze accepted.');
    expect(text).toContain('braze_streaming_delivered_total{sync_id="s1"} 1234567890123');
    expect(text).toContain('braze_streaming_not_delivered_total{sync_id="s1"} 5');
    expect(text).toContain('braze_streaming_rate_limited_total{sync_id="s1"} 2');
    expect(text).toContain('braze_streaming_delivered_total{sync_id="s2"} 0');
    for (const name of ['delivered_first_attempt', 'delivered_after_retry', 'expired', 'skipped', 'filtered', 'retried', 'requests', 'data_points_sent', 'data_points_saved', 'possible_duplicates', 'recovered', 'superseded']) {
      expect(text).toContain(`# TYPE braze_streaming_${name}_total counter`);
    }
  });

  it('names syncs only in braze_sync_info, so no other series carries sync_name', async () => {
    const text = await renderPrometheus(input);
    expect(text).toContain('# TYPE braze_sync_info gauge');
    expect(text).toContain('braze_sync_info{sync_id="s1",sync_name="Braze \\"prod\\""} 1');
    expect(text).toContain('braze_sync_info{sync_id="s2",sync_name="Quiet"} 1');
    const named = text.split('\n').filter((l) => l.includes('sync_name='));
    expect(named).toHaveLength(2);
    expect(named.every((l) => l.startsWith('braze_sync_info{'))).toBe(true);
  });

  it('latency from ingestion to Braze acceptance as a histogram: cumulative buckets in seconds, sum and count', async () => {
    const text = await renderPrometheus(input);
    expect(text).toContain('# TYPE braze_streaming_delivery_latency_seconds histogram');
    expect(text).toContain('braze_streaming_delivery_latency_seconds_bucket{sync_id="s1",le="0.1"} 0');
    expect(text).toContain('braze_streaming_delivery_latency_seconds_bucket{sync_id="s1",le="0.15"} 2');
    expect(text).toContain('braze_streaming_delivery_latency_seconds_bucket{sync_id="s1",le="1.5"} 3');
    expect(text).toContain('braze_streaming_delivery_latency_seconds_bucket{sync_id="s1",le="14400"} 4');
    expect(text).toContain('braze_streaming_delivery_latency_seconds_bucket{sync_id="s1",le="+Inf"} 4');
    expect(text).toContain('braze_streaming_delivery_latency_seconds_sum{sync_id="s1"} 1201.74');
    expect(text).toContain('braze_streaming_delivery_latency_seconds_count{sync_id="s1"} 4');
    expect(text).toContain('braze_streaming_delivery_latency_seconds_count{sync_id="s2"} 0');
    const buckets = text.split('\n').filter((l) => l.startsWith('braze_streaming_delivery_latency_seconds_bucket{') && l.includes('sync_id="s1"'));
    expect(buckets).toHaveLength(LATENCY_BOUNDS_MS.length + 1);
    // Cumulative: never decreasing.
    const counts = buckets.map((l) => Number(l.split(' ').at(-1)));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it('states, backlog, queues and workers as gauges', async () => {
    const text = await renderPrometheus(input);
    expect(text).toContain('braze_streaming_sync_state{sync_id="s1",state="paused"} 1');
    expect(text).toContain('braze_streaming_sync_state{sync_id="s1",state="enabled"} 0');
    expect(text).toContain('braze_streaming_sync_state{sync_id="s2",state="disabled"} 1');
    expect(text).toContain('braze_streaming_sync_backlog_objects{sync_id="s1"} 75');
    expect(text).toContain('braze_streaming_queue_jobs{queue="ingest",state="waiting"} 3');
    expect(text).toContain('braze_streaming_queue_jobs{queue="deliver",state="delayed"} 2');
    expect(text).toContain('braze_streaming_queue_oldest_job_age_seconds{queue="ingest"} 42');
    expect(text).toContain('braze_streaming_queue_oldest_job_age_seconds{queue="deliver"} 0');
    expect(text).toContain('braze_streaming_workers_live 2');
  });

  it('builds a fresh registry per scrape: nothing accumulates across scrapes', async () => {
    await renderPrometheus(input);
    const second = await renderPrometheus(input);
    expect(second).toContain('braze_streaming_not_delivered_total{sync_id="s1"} 5');
    expect(second).toContain('braze_streaming_delivery_latency_seconds_count{sync_id="s1"} 4');
  });
});
