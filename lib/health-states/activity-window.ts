/**
 * Activity per sync at the resolution of the health checks, from the per-minute metric rows.
 * Every worker only ever adds to a row, so what a row gained between two reads happened between
 * them: a minute row read every 10 s tells which 10 s its counts came in. Rows seen at the first
 * read are placed at the end of their minute (or now), the best that is known of them.
 */
import type { Activity } from '@/lib/health-states/health-state';

export interface MinuteActivity extends Activity {
  syncId: string;
  /** Start of the row's minute (ms). */
  minute: number;
}

interface Sample extends Activity {
  at: number;
}

const NAMES = ['delivered', 'failed', 'retried'] as const;

export const noActivity = (): Activity => ({ delivered: 0, failed: 0, retried: 0 });

export class ActivityWindow {
  private seen = new Map<string, Activity>();
  private samples = new Map<string, Sample[]>();
  private primed = false;

  /** Samples older than `keepMs` are forgotten. */
  constructor(private readonly keepMs: number) {}

  /** Takes the rows of one read: every minute row from a little before the longest window on. */
  observe(rows: readonly MinuteActivity[], now: number): void {
    const seen = new Map<string, Activity>();
    for (const row of rows) {
      const key = `${row.syncId}|${row.minute}`;
      const before = this.seen.get(key) ?? noActivity();
      seen.set(key, { delivered: row.delivered, failed: row.failed, retried: row.retried });
      const gained = noActivity();
      for (const n of NAMES) gained[n] = Math.max(0, row[n] - before[n]);
      if (gained.delivered + gained.failed + gained.retried === 0) continue;
      const at = this.primed ? now : Math.min(row.minute + 60_000, now);
      const list = this.samples.get(row.syncId) ?? [];
      list.push({ at, ...gained });
      this.samples.set(row.syncId, list);
    }
    this.seen = seen;
    this.primed = true;
    for (const [syncId, list] of this.samples) {
      const kept = list.filter((s) => s.at > now - this.keepMs);
      if (kept.length > 0) this.samples.set(syncId, kept);
      else this.samples.delete(syncId);
    }
  }

  /** What a sync did in the last `withinMs`. */
  totals(syncId: string, withinMs: number, now: number): Activity {
    const sum = noActivity();
    for (const s of this.samples.get(syncId) ?? []) {
      if (s.at <= now - withinMs) continue;
      for (const n of NAMES) sum[n] += s[n];
    }
    return sum;
  }

  /** Forgets everything (another worker judged meanwhile): the next read starts afresh. */
  reset(): void {
    this.seen.clear();
    this.samples.clear();
    this.primed = false;
  }
}
