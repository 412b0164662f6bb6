/**
 * A small table read from Postgres, held in memory and read again every `refreshMs`, so the
 * hot paths that consult it (every ingestion request, every fan-out) cost no database round
 * trip and a change made in the UI takes effect within one period.
 *
 * - The first load is awaited (`ready`, or `start` at process start): nothing is decided
 *   without the table. When it fails, the caller gets the error and the next call loads again.
 * - While the database is unreachable the last snapshot stays in force; the outage is said once
 *   per 10 s for all of the process's Postgres users (lib/health/outage-log), and any other
 *   failure is logged as a warning naming what was not reloaded.
 * - `refresh` reloads at once (a worker that just changed the table); reloads asked for while
 *   one is running share it.
 */
import { env } from '@/lib/env';
import { isConnectionError, outageLog } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';

const log = childLogger('snapshot');

export interface SnapshotOptions<T> {
  /** Reads the whole table (already shaped for lookups). */
  load: () => Promise<T>;
  refreshMs: number;
  /** Named in the warning when a reload fails: "<what> not reloaded; the last ones stay in force". */
  what: string;
  /** Runs after every successful load, e.g. to clear what depended on the previous snapshot. */
  onLoaded?: (value: T) => void;
}

export class ReloadedSnapshot<T> {
  private value?: T;
  private first?: Promise<T>;
  private reloading?: Promise<T>;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: SnapshotOptions<T>) {}

  /** Loads the first snapshot and starts reloading (call at process start). */
  async start(): Promise<void> {
    await this.ready();
  }

  /** The snapshot, loading the first one if none was loaded yet. */
  ready(): Promise<T> {
    if (this.value !== undefined && (this.timer || this.stopped)) return Promise.resolve(this.value);
    this.first ??= this.refresh().then(
      (value) => {
        this.first = undefined;
        this.startReloading();
        return value;
      },
      (err: unknown) => {
        this.first = undefined;
        throw err;
      },
    );
    return this.first;
  }

  /** The last snapshot loaded, or undefined before the first load. */
  get current(): T | undefined {
    return this.value;
  }

  /** Reads the table now; callers arriving meanwhile share the read. */
  refresh(): Promise<T> {
    this.reloading ??= this.options
      .load()
      .then((value) => {
        this.value = value;
        this.options.onLoaded?.(value);
        return value;
      })
      .finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private startReloading(): void {
    if (this.timer || this.stopped) return;
    const outage = outageLog('Postgres', env().DATABASE_URL);
    this.timer = setInterval(() => {
      this.refresh().then(
        () => outage.reachable(),
        (err: Error) => (isConnectionError(err) ? outage.failed(err) : log.warn({ err: err.message }, `${this.options.what} not reloaded; the last ones stay in force`)),
      );
    }, this.options.refreshMs);
    this.timer.unref();
  }
}
