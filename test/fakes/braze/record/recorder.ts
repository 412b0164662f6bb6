import { appendToLog, clearLog, createBoundedLog, type BoundedLog } from '@/test/fakes/braze/record/bounded-log';
import type { AcceptedObject, FakeBrazeStats, InputArray, RecordedRequest } from '@/test/fakes/braze/types';

// What the fake remembers of the traffic. Counters are exact forever; the logs keep only the
// newest `recordLimit` objects so long benchmark runs stay in bounded memory.

export interface Recorder {
  requests: BoundedLog<RecordedRequest>;
  accepted: Record<InputArray, BoundedLog<AcceptedObject>>;
  stats: FakeBrazeStats;
}

export function createRecorder(recordLimit: number): Recorder {
  return {
    requests: createBoundedLog(recordLimit),
    accepted: {
      attributes: createBoundedLog(recordLimit),
      events: createBoundedLog(recordLimit),
      purchases: createBoundedLog(recordLimit),
    },
    stats: createEmptyStats(),
  };
}

export function createEmptyStats(): FakeBrazeStats {
  return {
    requests: 0,
    byStatus: {},
    eventsAccepted: 0,
    attributesAccepted: 0,
    purchasesAccepted: 0,
    rateLimited: 0,
    dataPoints: 0,
  };
}

/** `statusKey` is the HTTP status, or 'timeout' when no response was sent. */
export function recordRequest(recorder: Recorder, request: RecordedRequest): void {
  const { stats } = recorder;
  stats.requests += 1;
  const statusKey = request.status === null ? 'timeout' : String(request.status);
  stats.byStatus[statusKey] = (stats.byStatus[statusKey] ?? 0) + 1;
  if (request.status === 429) stats.rateLimited += 1;
  // A request body weighs as much as the objects it carries, so it shares the object budget.
  appendToLog(recorder.requests, request, Math.max(1, countBodyObjects(request.body)));
}

const ACCEPTED_COUNTER = {
  attributes: 'attributesAccepted',
  events: 'eventsAccepted',
  purchases: 'purchasesAccepted',
} as const satisfies Record<InputArray, keyof FakeBrazeStats>;

export function recordAccepted(recorder: Recorder, inputArray: InputArray, accepted: AcceptedObject): void {
  recorder.stats[ACCEPTED_COUNTER[inputArray]] += 1;
  appendToLog(recorder.accepted[inputArray], accepted);
}

export function addDataPoints(recorder: Recorder, points: number): void {
  recorder.stats.dataPoints += points;
}

export function clearRecorder(recorder: Recorder): void {
  clearLog(recorder.requests);
  for (const log of Object.values(recorder.accepted)) clearLog(log);
  recorder.stats = createEmptyStats();
}

function countBodyObjects(body: unknown): number {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 0;
  let count = 0;
  for (const key of ['attributes', 'events', 'purchases']) {
    const list = (body as Record<string, unknown>)[key];
    if (Array.isArray(list)) count += list.length;
  }
  return count;
}
