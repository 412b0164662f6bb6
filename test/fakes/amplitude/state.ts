/** Everything the fake Amplitude remembers between requests; reset clears it all. */
import type { Fault, FakeAmplitudeOptions, FakeAmplitudeStats, Identification, IngestedEvent, JsonObject, RequestRecord } from '@/test/fakes/amplitude/types';

const SEVEN_DAYS_MS = 7 * 24 * 3600_000;
/** Bounded so a long benchmark cannot exhaust the fake's memory with its request log. */
const MAX_REQUESTS_KEPT = 50_000;

export interface FakeAmplitudeState {
  apiKeys?: ReadonlySet<string>;
  dedupWindowMs: number;
  events: IngestedEvent[];
  identifications: Identification[];
  requests: RequestRecord[];
  /** De-duplication key → when it was first ingested. */
  seen: Map<string, number>;
  faults: { fault: Fault; left: number }[];
  invalid: { insertIds: Set<string>; field: string };
  stats: FakeAmplitudeStats;
}

export function createState(options: FakeAmplitudeOptions): FakeAmplitudeState {
  return {
    apiKeys: options.apiKeys ? new Set(options.apiKeys) : undefined,
    dedupWindowMs: options.dedupWindowMs ?? SEVEN_DAYS_MS,
    ...emptyRecords(),
  };
}

function emptyRecords() {
  return {
    events: [],
    identifications: [],
    requests: [],
    seen: new Map<string, number>(),
    faults: [],
    invalid: { insertIds: new Set<string>(), field: 'time' },
    stats: { requests: 0, received: 0, ingested: 0, duplicatesDropped: 0 },
  };
}

export function resetState(state: FakeAmplitudeState): void {
  Object.assign(state, emptyRecords());
}

export function isKnownKey(state: FakeAmplitudeState, apiKey: string): boolean {
  return !state.apiKeys || state.apiKeys.has(apiKey);
}

/** The next injected fault, used up one request at a time. */
export function takeFault(state: FakeAmplitudeState): Fault | undefined {
  const head = state.faults[0];
  if (!head) return undefined;
  head.left -= 1;
  if (head.left <= 0) state.faults.shift();
  return head.fault;
}

export function addFaults(state: FakeAmplitudeState, faults: Fault[]): void {
  for (const fault of faults) state.faults.push({ fault, left: fault.count ?? 1 });
}

export function logRequest(state: FakeAmplitudeState, record: RequestRecord): void {
  state.stats.requests += 1;
  state.requests.push(record);
  if (state.requests.length > MAX_REQUESTS_KEPT) state.requests.splice(0, state.requests.length - MAX_REQUESTS_KEPT);
}

/**
 * Amplitude ignores a later event with the same insert_id for the same device_id (else user_id)
 * in the same project within its window (HTTP V2 doc, "insert_id"). Events without one are
 * always ingested.
 */
export function ingestEvents(state: FakeAmplitudeState, apiKey: string, path: string, events: JsonObject[], sourceIp: string, at: number): number {
  let ingested = 0;
  for (const event of events) {
    state.stats.received += 1;
    const insertId = typeof event.insert_id === 'string' ? event.insert_id : undefined;
    if (insertId) {
      const scope = typeof event.device_id === 'string' ? `d:${event.device_id}` : `u:${String(event.user_id)}`;
      const key = `${apiKey}|${scope}|${insertId}`;
      const first = state.seen.get(key);
      if (first !== undefined && at - first < state.dedupWindowMs) {
        state.stats.duplicatesDropped += 1;
        continue;
      }
      state.seen.set(key, at);
    }
    state.events.push({ apiKey, path, event, sourceIp, at });
    state.stats.ingested += 1;
    ingested += 1;
  }
  return ingested;
}
