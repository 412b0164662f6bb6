/**
 * The forwarding target of each project, remembered by the worker for a couple of seconds: one
 * settings read (and key opening) per project and interval instead of one per job, so forwarding
 * adds no Postgres round trip per request. A change in Settings is seen within the interval; a
 * failed read is not remembered.
 */
import type { ForwardTarget } from '@/lib/forward/settings';

export const TARGET_TTL_MS = 2_000;

export function cacheTargets(load: (projectId: string) => Promise<ForwardTarget | null>, ttlMs = TARGET_TTL_MS, now: () => number = Date.now) {
  const cache = new Map<string, { at: number; target: Promise<ForwardTarget | null> }>();
  return (projectId: string): Promise<ForwardTarget | null> => {
    const hit = cache.get(projectId);
    if (hit && now() - hit.at < ttlMs) return hit.target;
    const target = load(projectId);
    cache.set(projectId, { at: now(), target });
    target.catch(() => cache.delete(projectId));
    return target;
  };
}
