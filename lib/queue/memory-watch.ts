/**
 * Watches how full Redis is. Redis runs with `noeviction`: once at `maxmemory` it refuses every
 * write, the workers' too, and the backlog could never drain. So ingestion stops taking events
 * (503, which the SDKs retry) at a high-water mark below it, leaving the rest to the workers.
 * One `INFO memory` per second per app process, plus what this process has reserved since: each
 * request reserves its job's estimated cost before it is queued, so neither a burst within the
 * second nor many requests in flight at once can overshoot. No limit applies when Redis has no
 * `maxmemory`. On a cluster every master is read and the fullest decides: its slots refuse
 * writes first, and a stalled partition stalls its users.
 */
import { masterNodes, type RedisClient } from '@/lib/queue/connection';

const POLL_MS = 1_000;

/**
 * What queueing a job of `bytes` of JSON costs Redis, as an upper estimate: jemalloc rounds a
 * large value up to its size class (classes are a quarter of a power of two apart, so up to 25%),
 * and the job hash's other fields, its list entry and its event-stream entry add under 1 KB.
 */
export function estimateJobMemory(bytes: number): number {
  return Math.ceil(bytes * 1.25) + 1_024;
}

export function readMemoryInfo(info: string): { used: number; max: number } {
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return { used: field('used_memory'), max: field('maxmemory') };
}

/** The reading of the master closest to its maxmemory (one without a limit counts as empty). */
export function fullest(readings: { used: number; max: number }[]): { used: number; max: number } {
  const share = (r: { used: number; max: number }) => (r.max > 0 ? r.used / r.max : 0);
  return readings.reduce((a, b) => (share(b) > share(a) ? b : a), readings[0] ?? { used: 0, max: 0 });
}

export class RedisMemoryWatch {
  private used = 0;
  private max = 0;
  /** Bytes this process added since the last reading was requested. */
  private written = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisClient,
    private readonly highWater: number,
  ) {}

  start(): void {
    if (this.timer || this.highWater <= 0) return;
    const poll = () => {
      const writtenBefore = this.written;
      return Promise.all(masterNodes(this.redis).map((node) => node.info('memory'))).then(
        (infos) => {
          ({ used: this.used, max: this.max } = fullest(infos.map(readMemoryInfo)));
          // The reading includes what was written before it was asked for.
          this.written -= writtenBefore;
        },
        // Redis unreachable: enqueueing fails on its own; keep the last reading.
        () => undefined,
      );
    };
    void poll();
    this.timer = setInterval(() => void poll(), POLL_MS);
    this.timer.unref();
  }

  /** Counts a write of about `bytes` to Redis until the next reading includes it. */
  noteWrite(bytes: number): void {
    this.written += bytes;
  }

  /**
   * Reserves `bytes` for a write about to be made, or refuses (false) above the high-water mark.
   * A reservation is never given back: a write that failed or timed out may still land, and the
   * next reading replaces the estimate with what Redis holds.
   */
  tryReserve(bytes: number): boolean {
    if (this.full) return false;
    this.noteWrite(bytes);
    return true;
  }

  /** True while Redis holds more than the high-water share of its maxmemory. */
  get full(): boolean {
    return this.highWater > 0 && this.max > 0 && this.used + this.written >= this.max * this.highWater;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
