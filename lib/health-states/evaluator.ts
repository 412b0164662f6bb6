/**
 * The worker's health check: every HEALTH_CHECK_INTERVAL_MS the worker holding the evaluator
 * lease reads the syncs, their minute metrics and the delivery backlog, judges each sync
 * (health-state.ts), stores the verdicts and hands them on (alerts).
 */
import type { RedisClient } from '@/lib/queue/connection';
import { prisma } from '@/lib/db/prisma';
import { ActivityWindow } from '@/lib/health-states/activity-window';
import { holdEvaluatorLease, releaseEvaluatorLease } from '@/lib/health-states/evaluator-lease';
import { judgeHealth } from '@/lib/health-states/health-state';
import { readMinuteActivity } from '@/lib/health-states/read-activity';
import { loadSyncHealth, recordVerdict, type SyncHealth } from '@/lib/health-states/store';
import { loadBacklog } from '@/lib/queue/backlog';

export interface JudgedSync {
  sync: { id: string; projectId: string; name: string };
  health: SyncHealth;
}

export interface HealthEvaluatorOptions {
  redis: RedisClient;
  prefix: string;
  /** Names this worker as the lease holder. */
  owner: string;
  intervalMs: number;
  windowMs: number;
  recentWindowMs: number;
  /** Called with every sync's stored health after each check (alerts). */
  afterCheck: (judged: JudgedSync[]) => Promise<void>;
  onError: (err: Error) => void;
}

export function startHealthEvaluator(opts: HealthEvaluatorOptions): () => Promise<void> {
  const activity = new ActivityWindow(Math.max(opts.windowMs, opts.recentWindowMs));
  let running: Promise<void> = Promise.resolve();
  const check = async () => {
    if (!(await holdEvaluatorLease(opts.redis, opts.prefix, opts.owner, opts.intervalMs * 3))) {
      activity.reset();
      return;
    }
    await opts.afterCheck(await checkSyncHealth(activity, opts, new Date()));
  };
  const tick = () => {
    running = running.then(() => check().catch(opts.onError));
  };
  tick();
  const timer = setInterval(tick, opts.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await releaseEvaluatorLease(opts.redis, opts.prefix, opts.owner).catch(opts.onError);
  };
}

/** One check of every sync; exported for tests. */
export async function checkSyncHealth(
  activity: ActivityWindow,
  opts: Pick<HealthEvaluatorOptions, 'windowMs' | 'recentWindowMs'>,
  now: Date,
): Promise<JudgedSync[]> {
  const at = now.getTime();
  // A minute more than the longest window, so the row of the minute it starts in is whole.
  const since = new Date(Math.floor((at - Math.max(opts.windowMs, opts.recentWindowMs)) / 60_000) * 60_000 - 60_000);
  const [syncs, rows, backlog, stored] = await Promise.all([
    prisma().sync.findMany({ select: { id: true, projectId: true, name: true, status: true, pausedReason: true }, orderBy: { createdAt: 'asc' } }),
    readMinuteActivity(since),
    loadBacklog(),
    loadSyncHealth(),
  ]);
  activity.observe(rows, at);
  const judged: JudgedSync[] = [];
  for (const sync of syncs) {
    const verdict = judgeHealth({
      sync,
      recent: activity.totals(sync.id, opts.recentWindowMs, at),
      window: activity.totals(sync.id, opts.windowMs, at),
      backlog: backlog.bySync.get(sync.id) ?? { objects: 0, oldestAt: null },
      recentWindowMs: opts.recentWindowMs,
      windowMs: opts.windowMs,
      now: at,
    });
    const health = await recordVerdict(sync.id, stored.get(sync.id), verdict, now).catch(skipDeletedSync);
    if (health) judged.push({ sync: { id: sync.id, projectId: sync.projectId, name: sync.name }, health });
  }
  return judged;
}

/** A sync deleted while it was judged has nothing to store its health on. */
function skipDeletedSync(err: unknown): null {
  const code = (err as { code?: unknown }).code;
  if (code === 'P2003' || code === 'P2025') return null;
  throw err;
}
