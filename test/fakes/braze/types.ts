// Public types of the fake Braze REST server. The behaviour they describe follows
// /work/shared/reference/braze-api.md §10 ("Spec for a faithful fake Braze server").

/** How many objects one /users/track request may carry (braze-api.md §2.1). */
export type ObjectLimitMode = 'combined75' | 'legacy75each' | 'mau50';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface FakeKeyConfig {
  key: string;
  /** Braze permission names such as 'users.track' (braze-api.md §5). Default: all of them. */
  permissions?: string[];
  /** The key belongs to another Braze instance: every call answers 401 (braze-api.md §1.1). */
  otherCluster?: boolean;
  /** This key's workspace has its own object limit (e.g. an MAU contract's 50); default: the server's. */
  objectLimitMode?: ObjectLimitMode;
}

/** A custom attribute declared in the workspace, as `GET /custom_attributes` lists it. */
export interface FakeDeclaredAttribute {
  name: string;
  /** "String", "Number", "Boolean", "Time", "Array", "Object", "Object Array". */
  data_type: string;
  array_length?: number | null;
  status?: 'Active' | 'Blocklisted';
  description?: string;
}

export interface FakeBrazeOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  keys?: FakeKeyConfig[];
  objectLimitMode?: ObjectLimitMode;
  /** Declared custom attributes: served by GET /custom_attributes and enforced on /users/track. */
  declaredAttributes?: FakeDeclaredAttribute[];
  /** Applies to /users/track, per API key. */
  rateLimit?: RateLimit;
  maxBodyBytes?: number;
  /** Braze answers an oversize body with 413 or 400 depending on the endpoint (braze-api.md §2.1). */
  oversizeStatus?: 413 | 400;
  /** How many accepted objects (and request bodies, counted by their objects) stay readable. */
  recordLimit?: number;
}

export interface ServerErrorFault {
  status: 500 | 502 | 503 | 504;
  /** Answer with an HTML page instead of JSON, as a proxy in front of Braze would. */
  html?: boolean;
  /**
   * Braze applied the request, then the answer failed (a gateway timing out on a slow backend):
   * why a sender must count a re-send after a 500 or 504 as a possible duplicate.
   */
  processed?: boolean;
  count?: number;
}

export interface QueuedFault {
  queued: true;
  count?: number;
}

export interface TimeoutFault {
  /** Hold the response this long, then destroy the socket. Infinity never answers. */
  timeoutMs: number;
  /** Braze applied the request before its answer was lost. */
  processed?: boolean;
  count?: number;
}

export interface RateLimitFault {
  status: 429;
  resetInSeconds?: number;
  count?: number;
}

/**
 * Process the request normally, but only after this long: Braze's processing time varies, so
 * requests sent one after the other can be applied in the other order. `slowMs: 0` is a request
 * served at once, for mixing slow and fast ones in the fault queue.
 */
export interface SlowFault {
  slowMs: number;
  count?: number;
}

/** Braze refuses the whole request for good (bad request, too large): nothing is processed. */
export interface RefusalFault {
  status: 400 | 413;
  count?: number;
}

export type Fault = ServerErrorFault | RefusalFault | QueuedFault | TimeoutFault | RateLimitFault | SlowFault;

export type InputArray = 'attributes' | 'events' | 'purchases';

/** The element shape of `errors[]` in a /users/track answer (braze-api.md §3.2). */
export interface MinorError {
  type: string;
  input_array: InputArray;
  index: number;
}

export type JsonObject = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  path: string;
  /** Epoch milliseconds. */
  receivedAt: number;
  /** The Authorization header exactly as sent. */
  authorization: string | null;
  /** The key taken from a well-formed `Bearer <key>` header, as sent. */
  apiKey: string | null;
  /** The parsed JSON body, or null when it was not read as JSON. */
  body: unknown;
  /** The body exactly as received (UTF-8), or null when it was too large to keep. */
  bodyText: string | null;
  /** null when the response was never sent (timeout fault). */
  status: number | null;
  responseBody: unknown;
  responseHeaders: Record<string, string>;
}

export interface AcceptedObject {
  apiKey: string;
  path: string;
  receivedAt: number;
  /** Position of the object in its input array. */
  index: number;
  /** False when the object was accepted but matched no profile it may update (braze-api.md §2.3). */
  applied: boolean;
  object: JsonObject;
}

export type AcceptedEvent = AcceptedObject;
export type AcceptedAttributes = AcceptedObject;
export type AcceptedPurchase = AcceptedObject;

export interface FakeBrazeStats {
  requests: number;
  byStatus: Record<string, number>;
  eventsAccepted: number;
  attributesAccepted: number;
  purchasesAccepted: number;
  rateLimited: number;
  dataPoints: number;
}

export interface UserAlias {
  alias_name: string;
  alias_label: string;
}

export interface ActivitySummary {
  name: string;
  first: string;
  last: string;
  count: number;
}

/** A profile as /users/export/ids shows it: standard fields at the top, the rest in custom_attributes. */
export interface ProfileSnapshot {
  braze_id: string;
  external_id?: string;
  user_aliases: UserAlias[];
  custom_attributes: JsonObject;
  custom_events: ActivitySummary[];
  purchases: ActivitySummary[];
  [standardField: string]: unknown;
}

export interface FakeBraze {
  url: string;
  close(): Promise<void>;
  requests(): RecordedRequest[];
  events(): AcceptedEvent[];
  attributes(): AcceptedAttributes[];
  purchases(): AcceptedPurchase[];
  stats(): FakeBrazeStats;
  profiles(): ProfileSnapshot[];
  injectFaults(...faults: Fault[]): void;
  /** Ends every injected fault at once, keeping what was recorded. */
  clearFaults(): void;
  setKeys(keys: FakeKeyConfig[]): void;
  setRateLimit(rateLimit: RateLimit): void;
  setObjectLimitMode(mode: ObjectLimitMode): void;
  setDeclaredAttributes(attributes: FakeDeclaredAttribute[]): void;
  /** Clears recorded data, profiles, faults, counters and rate windows; keeps the configuration. */
  reset(): void;
}
