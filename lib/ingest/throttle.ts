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

/** An id's tokens as of `at` (epoch ms). Updated in place: a busy id costs no allocation per request. */
interface Bucket {
  tokens: number;
  at: number;
}

type Buckets = Map<string, Bucket>;

export class EventThrottle {
  // Users and devices apart, each keyed by the id as sent: no key is built per event (a built
  // key is a new string to flatten and hash on every lookup).
  private readonly users: Buckets = new Map();
  private readonly devices: Buckets = new Map();
  private readonly capacity: number;
  private readonly maxTracked: number;

  constructor(private readonly options: ThrottleOptions) {
    this.capacity = options.eventsPerSecond * options.windowSeconds;
    this.maxTracked = options.maxTracked ?? 200_000;
  }

  get enabled(): boolean {
    return this.options.eventsPerSecond > 0;
  }

  /** The tokens `bucket` holds at `now` (an id without a bucket has a full one). */
  private tokensOf(bucket: Bucket | undefined, now: number): number {
    if (!bucket) return this.capacity;
    return Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.options.eventsPerSecond);
  }

  /** Takes one of the `tokens` `id` holds at `now` (at least one). */
  private charge(buckets: Buckets, id: string, bucket: Bucket | undefined, tokens: number, now: number): void {
    const left = tokens - 1;
    if (!bucket) buckets.set(id, { tokens: left, at: now });
    else {
      bucket.tokens = left;
      bucket.at = now;
    }
  }

  /**
   * Goes through the events in order: an event is taken when each of its ids has a whole token
   * left, and then charges one to each; otherwise it is throttled and charges nothing. Ids with
   * a token left are never named, even when they share an event with an id over budget.
   */
  take(events: readonly ThrottleSource[], now = Date.now()): ThrottleVerdict {
    const verdict: ThrottleVerdict = { throttledEvents: [], throttledUsers: new Map(), throttledDevices: new Map() };
    if (!this.enabled) return verdict;
    // Refused events per id over budget.
    const refusedUsers = new Map<string, number>();
    const refusedDevices = new Map<string, number>();
    for (let i = 0; i < events.length; i++) {
      const { user_id: user, device_id: device } = events[i]!;
      const userBucket = user ? this.users.get(user) : undefined;
      const deviceBucket = device ? this.devices.get(device) : undefined;
      // An event without the id is never held back by it.
      const userTokens = user ? this.tokensOf(userBucket, now) : Infinity;
      const deviceTokens = device ? this.tokensOf(deviceBucket, now) : Infinity;
      if (userTokens >= 1 && deviceTokens >= 1) {
        if (user) this.charge(this.users, user, userBucket, userTokens, now);
        if (device) this.charge(this.devices, device, deviceBucket, deviceTokens, now);
        continue;
      }
      verdict.throttledEvents.push(i);
      if (user && userTokens < 1) refusedUsers.set(user, (refusedUsers.get(user) ?? 0) + 1);
      if (device && deviceTokens < 1) refusedDevices.set(device, (refusedDevices.get(device) ?? 0) + 1);
    }
    this.nameOverBudget(this.users, refusedUsers, verdict.throttledUsers, now);
    this.nameOverBudget(this.devices, refusedDevices, verdict.throttledDevices, now);
    if (this.trackedIds > this.maxTracked) this.evict(now);
    return verdict;
  }

  /** Each id over budget with the rate it asked for over the window: what it used, plus what was refused now. */
  private nameOverBudget(buckets: Buckets, refused: Map<string, number>, named: Map<string, number>, now: number): void {
    for (const [id, n] of refused) {
      named.set(id, Math.round((this.capacity - this.tokensOf(buckets.get(id), now) + n) / this.options.windowSeconds));
    }
  }

  private evict(now: number): void {
    for (const buckets of [this.users, this.devices]) {
      for (const [id, bucket] of buckets) {
        if (this.tokensOf(bucket, now) >= this.capacity) buckets.delete(id);
      }
    }
    // Still too many busy ids: forget the oldest of the larger kind (they get a fresh budget, never a stricter one).
    while (this.trackedIds > this.maxTracked) {
      const buckets = this.users.size >= this.devices.size ? this.users : this.devices;
      buckets.delete(buckets.keys().next().value!);
    }
  }

  get trackedIds(): number {
    return this.users.size + this.devices.size;
  }
}
