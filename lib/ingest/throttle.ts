/**
 * Per-user and per-device event throttling, as Amplitude does it: each user_id and device_id may
 * send `eventsPerSecond` on average over `windowSeconds` (HTTP V2: 30 EPS; Batch: 1,000 EPS,
 * https://amplitude.com/docs/apis/analytics/http-v2, .../batch-event-upload). Over it, the request
 * gets 429 listing the throttled events and ids, and the SDKs retry those events later.
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
   * Decides for a whole request: when any id would go over its budget, the events of that id are
   * throttled and nothing is consumed; otherwise every id's budget is charged.
   */
  take(events: readonly ThrottleSource[], now = Date.now()): ThrottleVerdict {
    const verdict: ThrottleVerdict = { throttledEvents: [], throttledUsers: new Map(), throttledDevices: new Map() };
    if (!this.enabled) return verdict;
    const demand = new Map<string, number>();
    for (const e of events) {
      if (e.user_id) demand.set(`u:${e.user_id}`, (demand.get(`u:${e.user_id}`) ?? 0) + 1);
      if (e.device_id) demand.set(`d:${e.device_id}`, (demand.get(`d:${e.device_id}`) ?? 0) + 1);
    }
    const over = new Set<string>();
    for (const [key, n] of demand) {
      const tokens = this.tokensOf(key, now);
      if (n > tokens) {
        over.add(key);
        const eps = Math.round((this.capacity - tokens + n) / this.options.windowSeconds);
        (key.startsWith('u:') ? verdict.throttledUsers : verdict.throttledDevices).set(key.slice(2), eps);
      }
    }
    if (over.size > 0) {
      events.forEach((e, i) => {
        if ((e.user_id && over.has(`u:${e.user_id}`)) || (e.device_id && over.has(`d:${e.device_id}`))) verdict.throttledEvents.push(i);
      });
      return verdict;
    }
    for (const [key, n] of demand) this.buckets.set(key, { tokens: this.tokensOf(key, now) - n, at: now });
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
