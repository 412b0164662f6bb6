/**
 * Forwarding's counters, buffered in memory and added once a second to one row per project and
 * minute (forward_minute_metrics), like the delivery counters (lib/metrics/recorder): many
 * workers add to the same row. Failures are written at once with Amplitude's answer
 * (forward_failures), since they are what a person comes to read.
 */
import { createHash } from 'node:crypto';
import { prisma } from '@/lib/db/prisma';
import type { ForwardFailureRecord, ForwardRecorder } from '@/lib/forward/forward-job';
import type { ForwardEvent } from '@/lib/forward/requests';
import { emptyHistogram, latencyBucketOf } from '@/lib/metrics/latency';
import { childLogger } from '@/lib/log/logger';
import type { Prisma } from '@/lib/generated/prisma/client';

const log = childLogger('forward-metrics');

interface Row {
  projectId: string;
  minute: number;
  forwarded: number;
  failed: number;
  retried: number;
  throttled: number;
  latency: number[];
}

function failureId(jobId: string, event: ForwardEvent): string {
  return createHash('sha256').update(jobId).update('\0').update(JSON.stringify(event)).digest('base64url').slice(0, 32);
}

const ADD_BUCKETS = `CASE WHEN cardinality(m.latency_buckets) = 0 THEN EXCLUDED.latency_buckets
       WHEN cardinality(EXCLUDED.latency_buckets) = 0 THEN m.latency_buckets
       ELSE (SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i)
             FROM unnest(m.latency_buckets, EXCLUDED.latency_buckets) WITH ORDINALITY AS t(x, y, i)) END`;

const UPSERT = `INSERT INTO forward_minute_metrics AS m (project_id, minute, forwarded, failed, retried, throttled, latency_buckets)
  VALUES ($1, $2, $3, $4, $5, $6, $7::int[])
  ON CONFLICT (project_id, minute) DO UPDATE SET forwarded = m.forwarded + EXCLUDED.forwarded, failed = m.failed + EXCLUDED.failed,
    retried = m.retried + EXCLUDED.retried, throttled = m.throttled + EXCLUDED.throttled, latency_buckets = ${ADD_BUCKETS}`;

export class ForwardMetrics implements ForwardRecorder {
  private rows = new Map<string, Row>();
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly now: () => number = Date.now) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), 1_000);
    this.timer.unref();
  }

  private row(projectId: string): Row {
    const minute = Math.floor(this.now() / 60_000) * 60_000;
    const key = `${projectId}|${minute}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { projectId, minute, forwarded: 0, failed: 0, retried: 0, throttled: 0, latency: emptyHistogram() };
      this.rows.set(key, row);
    }
    return row;
  }

  forwarded(projectId: string, receivedAt: number, count: number): void {
    const row = this.row(projectId);
    row.forwarded += count;
    row.latency[latencyBucketOf(Math.max(0, this.now() - receivedAt))]! += count;
  }

  retried(projectId: string, count: number): void {
    this.row(projectId).retried += count;
  }

  throttled(projectId: string, count: number): void {
    this.row(projectId).throttled += count;
  }

  /**
   * Each failure's id is derived from its job and event, so a job that runs again (its worker
   * killed or frozen after recording) records and counts no failure twice.
   */
  async failed(projectId: string, jobId: string, failures: ForwardFailureRecord[]): Promise<void> {
    const { count } = await prisma().forwardFailure.createMany({
      skipDuplicates: true,
      data: failures.map((f) => ({
        id: failureId(jobId, f.event),
        projectId,
        status: f.status,
        answer: f.answer,
        eventType: typeof f.event.event_type === 'string' ? f.event.event_type : null,
        insertId: typeof f.event.insert_id === 'string' ? f.event.insert_id : null,
        // Ingestion made every accepted event storable (lib/db/storable-text).
        event: f.event as Prisma.InputJsonValue,
      })),
    });
    this.row(projectId).failed += count;
  }

  /** Writes what is buffered; rows that fail to write are kept for the next round. */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const rows = [...this.rows.values()];
      this.rows.clear();
      for (const row of rows) {
        try {
          await prisma().$executeRawUnsafe(UPSERT, row.projectId, new Date(row.minute), row.forwarded, row.failed, row.retried, row.throttled, row.latency);
        } catch (err) {
          log.warn({ err: (err as Error).message }, 'forwarding metrics not written; will retry');
          this.mergeBack(row);
        }
      }
    });
    return this.writing;
  }

  private mergeBack(row: Row): void {
    const key = `${row.projectId}|${row.minute}`;
    const newer = this.rows.get(key);
    if (!newer) return void this.rows.set(key, row);
    for (const name of ['forwarded', 'failed', 'retried', 'throttled'] as const) newer[name] += row[name];
    row.latency.forEach((n, i) => (newer.latency[i]! += n));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
