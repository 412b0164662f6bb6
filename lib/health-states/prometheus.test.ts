import { describe, expect, it } from 'vitest';
import { renderPrometheus } from '@/lib/metrics/prometheus';
import { emptyTotals } from '@/lib/metrics/queries';

const depth = { waiting: 0, active: 0, delayed: 0, failed: 0, oldestAt: null };

describe('braze_sync_health', () => {
  it('is 1 for each sync\'s current state and 0 for the others, in the Prometheus exposition', async () => {
    const text = await renderPrometheus({
      syncs: [{ id: 's1', name: 'One', state: 'enabled', lifetime: emptyTotals(), latency: { buckets: [], sumMs: 0 }, backlogObjects: 0 }],
      queues: { ingest: depth, deliver: depth },
      liveWorkers: 1,
      now: Date.UTC(2026, 11, 6),
      health: [
        { syncId: 's1', state: 'failing' },
        { syncId: 's2', state: 'healthy' },
      ],
    });
    expect(text).toContain('# TYPE braze_sync_health gauge');
    expect(text).toContain('braze_sync_health{sync_id="s1",state="failing"} 1');
    expect(text).toContain('braze_sync_health{sync_id="s1",state="healthy"} 0');
    expect(text).toContain('braze_sync_health{sync_id="s1",state="degraded"} 0');
    expect(text).toContain('braze_sync_health{sync_id="s1",state="paused"} 0');
    expect(text).toContain('braze_sync_health{sync_id="s2",state="healthy"} 1');
  });
});
