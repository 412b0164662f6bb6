/**
 * When the supervisor restarts a process that stopped on its own: at once-ish, then slower while
 * it keeps crashing (0.5 s, 1 s, 2 s, 4 s, then every 5 s), back to 0.5 s once a run lasted a
 * stable minute. Never later than 5 s: ingestion must be back quickly, and a worker away for
 * long lets the backlog grow. Pure, so the schedule is tested without processes.
 */
export const RESTART_FIRST_DELAY_MS = 500;
export const RESTART_MAX_DELAY_MS = 5_000;
/** A run this long counts as recovered: the next crash starts the backoff again. */
export const STABLE_RUN_MS = 60_000;
/** This many crashes within CRASH_LOOP_WINDOW_MS are a crash loop, said once in plain words. */
export const CRASH_LOOP_CRASHES = 5;
export const CRASH_LOOP_WINDOW_MS = 60_000;

export interface RestartDecision {
  delayMs: number;
  /** Crashes within the last CRASH_LOOP_WINDOW_MS, this one included. */
  recentCrashes: number;
  /** True on the crash that makes it a crash loop (not on every later one). */
  crashLoopStarted: boolean;
}

export class RestartPolicy {
  private consecutive = 0;
  private crashes: number[] = [];
  private inLoop = false;

  /** Called when the process started at `startedAt` stopped on its own at `now`. */
  onCrash(startedAt: number, now: number): RestartDecision {
    if (now - startedAt >= STABLE_RUN_MS) this.consecutive = 0;
    this.consecutive++;
    this.crashes = this.crashes.filter((at) => now - at < CRASH_LOOP_WINDOW_MS);
    this.crashes.push(now);
    const loop = this.crashes.length >= CRASH_LOOP_CRASHES;
    const crashLoopStarted = loop && !this.inLoop;
    this.inLoop = loop;
    const delayMs = Math.min(RESTART_MAX_DELAY_MS, RESTART_FIRST_DELAY_MS * 2 ** (this.consecutive - 1));
    return { delayMs, recentCrashes: this.crashes.length, crashLoopStarted };
  }
}
