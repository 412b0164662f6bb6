/**
 * Per-user and per-device event throttling, as Amplitude does it: each user_id and device_id may
 * send `eventsPerSecond` on average over `windowSeconds` (HTTP V2: 30 EPS; Batch: 1,000 EPS,
 * https://amplitude.com/docs/apis/analytics/http-v2, .../batch-event-upload). Only the excess is
 * refused: events within their ids' budgets are taken, the rest are throttled, and the request gets
 * 429 listing the throttled events and the ids over budget. The SDKs resend the throttled events
 * after 30 s and the taken ones at once; the worker drops those as duplicates by `insert_id`.
 *
 * A token bucket per id, in this process's memory: with several app processes each enforces the
 * limit on the requests it serves. At most `maxTracked` ids are held; idle ids (full buckets)
 * are dropped first, so memory stays bounded under a flood of new ids.
 */
export interface ThrottleOptions {
  eventsPerSecond: number;
  windowSeconds: number;
  maxTracked?: number;
}

export interface ThrottleSource {
  user_id?: string;
  device_id?: string;
}

export interface ThrottleVerdict {
  throttledEvents: number[];
  throttledUsers: Map<string, number>;
  throttledDevices: Map<string, number>;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class EventThrottle {
  private buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly maxTracked: number;

  constructor(private readonly options: ThrottleOptions) {
    this.capacity = options.eventsPerSecond * options.windowSeconds;
    this.maxTracked = options.maxTracked ?? 200_000;
  }

  get enabled(): boolean {
    return this.options.eventsPerSecond > 0;
  }

  private tokensOf(key: string, now: number): number {
    const b = this.buckets.get(key);
    if (!b) return this.capacity;
    return Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.options.eventsPerSecond);
  }

  /**
   * Goes through the events in order: an event is taken when each of its ids has a whole token
   * left, and then charges one to each; otherwise it is throttled and charges nothing. Ids with
   * a token left are never named, even when they share an event with an id over budget.
   */
  take(events: readonly ThrottleSource[], now = Date.now()): ThrottleVerdict {
    const verdict: ThrottleVerdict = { throttledEvents: [], throttledUsers: new Map(), throttledDevices: new Map() };
    if (!this.enabled) return verdict;
    const tokens = new Map<string, number>();
    const refused = new Map<string, number>();
    const tokensLeft = (key: string) => tokens.get(key) ?? this.tokensOf(key, now);
    events.forEach((e, i) => {
      const keys = keysOf(e);
      const over = keys.filter((key) => tokensLeft(key) < 1);
      if (over.length === 0) {
        for (const key of keys) tokens.set(key, tokensLeft(key) - 1);
        return;
      }
      verdict.throttledEvents.push(i);
      for (const key of over) refused.set(key, (refused.get(key) ?? 0) + 1);
    });
    for (const [key, n] of refused) {
      // The rate this id asked for over the window: what it used, plus what was refused now.
      const eps = Math.round((this.capacity - tokensLeft(key) + n) / this.options.windowSeconds);
      (key.startsWith('u:') ? verdict.throttledUsers : verdict.throttledDevices).set(key.slice(2), eps);
    }
    for (const [key, left] of tokens) this.buckets.set(key, { tokens: left, at: now });
    if (this.buckets.size > this.maxTracked) this.evict(now);
    return verdict;
  }

  private evict(now: number): void {
    for (const [key] of this.buckets) {
      if (this.tokensOf(key, now) >= this.capacity) this.buckets.delete(key);
    }
    // Still too many busy ids: forget the oldest (they get a fresh budget, never a stricter one).
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxTracked) break;
      this.buckets.delete(key);
    }
  }

  get trackedIds(): number {
    return this.buckets.size;
  }
}

function keysOf(e: ThrottleSource): string[] {
  const keys: string[] = [];
  if (e.user_id) keys.push(`u:${e.user_id}`);
  if (e.device_id) keys.push(`d:${e.device_id}`);
  return keys;
}
