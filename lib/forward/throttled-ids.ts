/**
 * Users and devices Amplitude throttled (429), per project, until their pause ends: their events
 * wait in their job while everyone else's go on, as the SDKs pause only the named ids. Kept in
 * the worker's memory: another worker learns of a throttle from its own 429, one request later.
 */
import type { ForwardEvent } from '@/lib/forward/requests';

/** Ends beyond this many entries are pruned of the expired ones, so the map stays small. */
const PRUNE_ABOVE = 10_000;

export class ThrottledIds {
  private until = new Map<string, number>();

  pause(projectId: string, ids: { users: string[]; devices: string[] }, untilMs: number): void {
    for (const u of ids.users) this.until.set(`${projectId}|u|${u}`, untilMs);
    for (const d of ids.devices) this.until.set(`${projectId}|d|${d}`, untilMs);
    if (this.until.size > PRUNE_ABOVE) this.prune(Date.now());
  }

  /** When this event's user or device may be sent again, or 0 when neither is paused. */
  pausedUntil(projectId: string, event: ForwardEvent, now: number): number {
    const ends = [
      typeof event.user_id === 'string' ? this.until.get(`${projectId}|u|${event.user_id}`) : undefined,
      typeof event.device_id === 'string' ? this.until.get(`${projectId}|d|${event.device_id}`) : undefined,
    ].filter((end): end is number => end !== undefined && end > now);
    return ends.length ? Math.max(...ends) : 0;
  }

  private prune(now: number): void {
    for (const [key, end] of this.until) if (end <= now) this.until.delete(key);
  }
}
