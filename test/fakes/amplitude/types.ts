/**
 * The fake Amplitude's public shapes: what it records and the faults it can be told to inject.
 * Answers follow Amplitude's documented HTTP V2, Batch, Identify and Group Identify contracts
 * (https://amplitude.com/docs/apis/analytics/http-v2, …/identify, …/group-identify).
 */
export type JsonObject = Record<string, unknown>;

export interface FakeAmplitudeOptions {
  port?: number;
  host?: string;
  /** API keys it takes; any key when unset. */
  apiKeys?: string[];
  /** insert_id de-duplication window (ms); Amplitude's is 7 days. */
  dedupWindowMs?: number;
}

/** An event Amplitude ingested (a duplicate insert_id within the window is not one). */
export interface IngestedEvent {
  apiKey: string;
  path: string;
  event: JsonObject;
  /** The address the request came from, which Amplitude uses when the event has no `ip`. */
  sourceIp: string;
  at: number;
}

export interface Identification {
  apiKey: string;
  kind: 'identify' | 'groupidentify';
  identification: JsonObject;
  sourceIp: string;
  at: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  events: number;
  at: number;
}

export interface FakeAmplitudeStats {
  requests: number;
  /** Events in answered-200 requests, duplicates included. */
  received: number;
  ingested: number;
  /** Events dropped because their insert_id was seen within the window. */
  duplicatesDropped: number;
}

/**
 * One injected fault, taken by the next request(s) of the upload and form paths (`count`
 * defaults to 1):
 * - `status`: answer 500/502/503/504 (or 413); `processed` ingests the events first, as a 500
 *   or 504 may follow a write Amplitude already made (the doc warns a retry may duplicate).
 * - `throttle`: answer 429 naming the given users/devices (every id of the request when none)
 *   and their events; nothing of the request is ingested, as the SDKs resend all of it.
 * - `hang`: answer nothing for `ms`, then 200 (or cut the connection with `cut`); `processed`
 *   ingests before hanging.
 */
export type Fault =
  | { kind: 'status'; status: 413 | 500 | 502 | 503 | 504; count?: number; processed?: boolean }
  | { kind: 'throttle'; users?: string[]; devices?: string[]; count?: number }
  | { kind: 'hang'; ms: number; count?: number; processed?: boolean; cut?: boolean };

export interface FakeAmplitude {
  url: string;
  close: () => Promise<void>;
  events: () => IngestedEvent[];
  identifications: () => Identification[];
  requests: () => RequestRecord[];
  stats: () => FakeAmplitudeStats;
  injectFaults: (...faults: Fault[]) => void;
  clearFaults: () => void;
  /** Events with these insert_ids are answered 400 as invalid in `field` (default `time`) until cleared. */
  setInvalidInsertIds: (insertIds: string[], field?: string) => void;
  reset: () => void;
}
