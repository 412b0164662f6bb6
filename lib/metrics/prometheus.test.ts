import { describe, expect, it } from 'vitest';
import { renderPrometheus, type PrometheusInput } from '@/lib/metrics/prometheus';
import { emptyTotals, type SummaryTotals } from '@/lib/metrics/queries';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const lastHour: SummaryTotals = { ...emptyTotals(), delivered: 9, deliveryRate: 0.9, latencyP50Ms: 120, latencyP95Ms: 1_500, latencyP99Ms: 2_500 };

const input: PrometheusInput = {
  syncs: [
    { id: 's1', name: 'Braze "prod"', state: 'paused', lifetime: { ...emptyTotals(), delivered: 1_234_567_890_123, notDelivered: 5, rateLimited: 2 }, lastHour, backlogObjects: 75 },
    { id: 's2', name: 'Quiet', state: 'disabled', lifetime: emptyTotals(), lastHour: undefined, backlogObjects: 0 },
  ],
  queues: {
    ingest: { waiting: 3, active: 1, delayed: 0, failed: 0, oldestAt: NOW - 42_000 },
    deliver: { waiting: 0, active: 0, delayed: 2, failed: 1, oldestAt: null },
  },
  liveWorkers: 2,
  now: NOW,
  health: [{ syncId: 's1', state: 'paused' }],
};

describe('renderPrometheus', () => {
  it('exposes every delivery counter per sync as a lifetime counter, with HELP and TYPE', async () => {
    const text = await renderPrometheus(input);
    expect(text).toContain('# TYPE braze_streaming_delivered_total counter');
    expect(text).toContain('# HELP braze_streaming_delivered_total Objects (events and user updates) Braze accepted.');
    expect(text).toContain('braze_streaming_delivered_total{sync_id="s1",sync_name="Braze \\"prod\\""} 1234567890123');
    expect(text).toContain('braze_streaming_not_delivered_total{sync_id="s1",sync_name="Braze \\"prod\\""} 5');
    expect(text).toContain('braze_streaming_rate_limited_total{sync_id="s1",sync_name="Braze \\"prod\\""} 2');
    expect(text).toContain('braze_streaming_delivered_total{sync_id="s2",sync_name="Quiet"} 0');
    for (const name of ['delivered_first_attempt', 'delivered_after_retry', 'expired', 'skipped', 'filtered', 'retried', 'requests', 'data_points_sent', 'data_points_saved', 'possible_duplicates']) {
      expect(text).toContain(`# TYPE braze_streaming_${name}_total counter`);
    }
  });

  it('states, last-hour latency quantiles in seconds, backlog, queues and workers as gauges', async () => {
    const text = await renderPrometheus(input);
    expect(text).toContain('braze_streaming_sync_state{sync_id="s1",sync_name="Braze \\"prod\\"",state="paused"} 1');
    expect(text).toContain('braze_streaming_sync_state{sync_id="s1",sync_name="Braze \\"prod\\"",state="enabled"} 0');
    expect(text).toContain('braze_streaming_sync_state{sync_id="s2",sync_name="Quiet",state="disabled"} 1');
    expect(text).toContain('braze_streaming_delivery_latency_last_hour_seconds{sync_id="s1",sync_name="Braze \\"prod\\"",quantile="0.95"} 1.5');
    expect(text).not.toMatch(/delivery_latency_last_hour_seconds\{sync_id="s2"/);
    expect(text).toContain('braze_streaming_sync_backlog_objects{sync_id="s1",sync_name="Braze \\"prod\\""} 75');
    expect(text).toContain('braze_streaming_queue_jobs{queue="ingest",state="waiting"} 3');
    expect(text).toContain('braze_streaming_queue_jobs{queue="deliver",state="delayed"} 2');
    expect(text).toContain('braze_streaming_queue_oldest_job_age_seconds{queue="ingest"} 42');
    expect(text).toContain('braze_streaming_queue_oldest_job_age_seconds{queue="deliver"} 0');
    expect(text).toContain('braze_streaming_workers_live 2');
  });

  it('builds a fresh registry per scrape: nothing accumulates across scrapes', async () => {
    await renderPrometheus(input);
    const second = await renderPrometheus(input);
    expect(second).toContain('braze_streaming_not_delivered_total{sync_id="s1",sync_name="Braze \\"prod\\""} 5');
  });
});
