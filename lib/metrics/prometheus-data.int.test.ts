/**
 * The Prometheus latency histogram covers every worker: each process's recorder adds its buckets
 * and sum to the sync's lifetime row in Postgres, and any app process renders the same totals.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import { MetricsRecorder } from '@/lib/metrics/recorder';
import { renderPrometheus } from '@/lib/metrics/prometheus';
import { collectPrometheusInput } from '@/lib/metrics/prometheus-data';
import { closeQueues } from '@/lib/queue/queues';
import { createEnabledSync, createProject } from '@/test/fixtures';

afterAll(async () => {
  await closeQueues();
  await disconnectPrisma();
});

describe('Prometheus latency histogram', () => {
  it('adds up what several workers recorded, and keeps counting across flushes', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, 'https://rest.iad-01.braze.com', { name: 'Latency sync' });
    const [one, two] = [new MetricsRecorder(), new MetricsRecorder()];
    one.addLatencies(sync.id, [80, 120]);
    two.addLatencies(sync.id, [2_500]);
    await Promise.all([one.flush(), two.flush()]);
    one.addLatencies(sync.id, [90], Date.now() + 60_000);
    await one.flush();

    const text = await renderPrometheus(await collectPrometheusInput());
    const line = (name: string, le?: string) => `braze_streaming_delivery_latency_seconds_${name}{sync_id="${sync.id}"${le ? `,le="${le}"` : ''}}`;
    expect(text).toContain(`${line('bucket', '0.1')} 2`);
    expect(text).toContain(`${line('bucket', '0.15')} 3`);
    expect(text).toContain(`${line('bucket', '3')} 4`);
    expect(text).toContain(`${line('bucket', '+Inf')} 4`);
    expect(text).toContain(`${line('sum')} 2.79`);
    expect(text).toContain(`${line('count')} 4`);
    expect(text).toContain(`braze_sync_info{sync_id="${sync.id}",sync_name="Latency sync"} 1`);
  });
});
