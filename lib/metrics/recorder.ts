/**
 * Buffers delivery counters in memory and writes them to Postgres once a second as additive
 * upserts into one row per sync and minute and one per sync and hour (the roll-up that long
 * ranges read), and adds latencies to the sync's lifetime histogram (the Prometheus exposition's). Many workers may write the same row: every update adds. A worker that is killed
 * loses at most its last second of counters; the events themselves are never lost.
 */
import { pgPool } from '@/lib/db/prisma';
import { childLogger } from '@/lib/log/logger';
import { COUNTER_COLUMNS, COUNTER_NAMES, type Counters } from '@/lib/metrics/counters';
import { addHistograms, emptyHistogram, latencyBucketOf } from '@/lib/metrics/latency';

const log = childLogger('metrics');

interface Row {
  syncId: string;
  minute: Date;
  counters: Counters;
  latency?: number[];
  /** Sum of the latencies in `latency` (ms), for the Prometheus histogram's `_sum`. */
  latencySumMs?: number;
}

function minuteOf(at: number): Date {
  return new Date(Math.floor(at / 60_000) * 60_000);
}

export class MetricsRecorder {
  private rows = new Map<string, Row>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private nextFlush?: Promise<void>;

  constructor(private readonly flushEveryMs = 1_000) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushEveryMs);
    this.timer.unref();
  }

  private row(syncId: string, at: number): Row {
    const minute = minuteOf(at);
    const key = `${syncId}|${minute.getTime()}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { syncId, minute, counters: {} };
      this.rows.set(key, row);
    }
    return row;
  }

  add(syncId: string, counters: Counters, at = Date.now()): void {
    const row = this.row(syncId, at);
    for (const name of COUNTER_NAMES) {
      const n = counters[name];
      if (n) row.counters[name] = (row.counters[name] ?? 0) + n;
    }
  }

  addLatencies(syncId: string, latenciesMs: readonly number[], at = Date.now()): void {
    if (latenciesMs.length === 0) return;
    const row = this.row(syncId, at);
    row.latency ??= emptyHistogram();
    for (const ms of latenciesMs) {
      row.latency[latencyBucketOf(Math.max(0, ms))]! += 1;
      row.latencySumMs = (row.latencySumMs ?? 0) + Math.max(0, Math.round(ms));
    }
  }

  /**
   * Writes what is buffered; rows that fail to write are merged back and retried next time.
   * Callers that ask while a write is under way share the next one (group commit), so many jobs
   * awaiting their counters cost one write per round, not one each.
   */
  flush(): Promise<void> {
    if (this.nextFlush) return this.nextFlush;
    const next = this.flushing.then(() => {
      this.nextFlush = undefined;
      return this.writeAll();
    });
    this.nextFlush = next;
    this.flushing = next;
    return next;
  }

  private async writeAll(): Promise<void> {
    const rows = [...this.rows.values()];
    this.rows.clear();
    for (const row of rows) {
      try {
        await writeRow(row);
      } catch (err) {
        log.warn({ err: (err as Error).message, syncId: row.syncId }, 'metrics write failed; will retry');
        this.add(row.syncId, row.counters, row.minute.getTime());
        if (row.latency) {
          const back = this.row(row.syncId, row.minute.getTime());
          back.latency = addHistograms(back.latency ?? emptyHistogram(), row.latency);
          back.latencySumMs = (back.latencySumMs ?? 0) + (row.latencySumMs ?? 0);
        }
      }
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/**
 * The minute row, the hour row and the lifetime histogram in one statement (data-modifying CTEs):
 * one round trip per write, and all or nothing, so a write that fails part-way (Postgres going
 * away between statements) and is retried never adds a row's counts twice.
 */
async function writeRow(row: Row): Promise<void> {
  const names = COUNTER_NAMES.filter((n) => row.counters[n]);
  const columns = names.map((n) => COUNTER_COLUMNS[n]);
  const values = names.map((n) => row.counters[n]!);
  const hour = new Date(Math.floor(row.minute.getTime() / 3_600_000) * 3_600_000);
  // $1 sync, $2 minute, $3 hour, $4 latency buckets, $5 latency sum, then the counters.
  const upsert = (table: string, timeColumn: string, timeParam: string) => {
    // Column names come from the fixed COUNTER_COLUMNS table, never from input.
    const insertCols = ['sync_id', timeColumn, 'latency_buckets', ...columns].map((c) => `"${c}"`).join(', ');
    const params = values.map((_, i) => `, $${i + 6}`).join('');
    const updates = [
      ...columns.map((c) => `"${c}" = m."${c}" + EXCLUDED."${c}"`),
      `"latency_buckets" = ${ADD_BUCKETS('m.latency_buckets', 'EXCLUDED.latency_buckets')}`,
    ].join(', ');
    return `INSERT INTO "${table}" AS m (${insertCols}) VALUES ($1, ${timeParam}, $4::int[]${params})
      ON CONFLICT ("sync_id", "${timeColumn}") DO UPDATE SET ${updates}`;
  };
  // The sync's lifetime histogram (never pruned), which the Prometheus exposition reads: every
  // worker adds its buckets and sum, so the histogram covers all processes.
  const total = `INSERT INTO "sync_latency_totals" AS t ("sync_id", "buckets", "sum_ms") SELECT $1, $4::bigint[], $5 WHERE cardinality($4::int[]) > 0
    ON CONFLICT ("sync_id") DO UPDATE SET "buckets" = ${ADD_BUCKETS('t.buckets', 'EXCLUDED.buckets')}, "sum_ms" = t.sum_ms + EXCLUDED.sum_ms`;
  // Table and column names come from this module, never from input.
  const sql = `WITH minute_row AS (${upsert('sync_minute_metrics', 'minute', '$2')}), hour_row AS (${upsert('sync_hour_metrics', 'hour', '$3')})
    ${total}`;
  try {
    // On the pool itself, as the profile statements: delivery jobs wait for this write.
    await pgPool().query(sql, [row.syncId, row.minute, hour, row.latency ?? [], row.latencySumMs ?? 0, ...values]);
  } catch (err) {
    // A sync deleted while its metrics were buffered: nothing to attach them to.
    if (isForeignKeyViolation(err)) return;
    throw err;
  }
}

/** The two arrays added element by element (a side may be empty). */
const ADD_BUCKETS = (a: string, b: string) => `CASE WHEN cardinality(${b}) = 0 THEN ${a}
       WHEN cardinality(${a}) = 0 THEN ${b}
       ELSE (SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i)
             FROM unnest(${a}, ${b}) WITH ORDINALITY AS t(x, y, i)) END`;

/** Postgres 23503 (foreign key violation), as the pool reports it. */
function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23503';
}
