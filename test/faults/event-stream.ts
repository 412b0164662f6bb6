/**
 * A steady stream of events to the ingestion API from clients that behave like the Amplitude
 * SDKs: a batch answered 503, 429, 408 or cut off is sent again (with backoff) until it is
 * answered 200. Every event is unique by (user_id, time), which is also what Braze receives.
 */
export interface StreamEvent {
  user_id: string;
  event_type: string;
  time: number;
  insert_id: string;
  event_properties: Record<string, unknown>;
  user_properties: Record<string, unknown>;
}

export interface StreamOptions {
  /** Where the ingestion API is now (it may move while the stream runs). */
  url: () => string;
  apiKey: string;
  events: StreamEvent[];
  batchSize: number;
  /** Batches in flight at once. */
  concurrency: number;
  /** Pause of each client between two batches, for a steady rate rather than a burst. */
  pauseMs: number;
}

export interface StreamResult {
  /** Keys of the events answered 200. */
  accepted: Set<string>;
  /** Events answered 400/413 (a valid event must never get one). */
  rejected: number;
  /** Answers by status ("network" for a cut or refused connection). */
  answers: Record<string, number>;
}

export interface RunningStream {
  acceptedCount: () => number;
  /** Keys of the events answered 200 so far. */
  acceptedKeys: () => string[];
  done: Promise<StreamResult>;
}

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

export function eventKey(userId: unknown, time: unknown): string {
  return `${String(userId)}|${new Date(time as string | number).toISOString()}`;
}

export function makeStreamEvents(prefix: string, n: number, users: number): StreamEvent[] {
  // Recent times, one millisecond apart: unique per event and within Amplitude's accepted range.
  const base = Date.now() - 3_600_000;
  return Array.from({ length: n }, (_, i) => ({
    user_id: `${prefix}-user-${String(i % users).padStart(4, '0')}`,
    event_type: `Fault Event ${i % 4}`,
    time: base + i,
    insert_id: `${prefix}-${i}`,
    event_properties: { index: i, scenario: prefix },
    // Profile updates put Postgres on the path of every ingest job.
    user_properties: { $set: { plan: `plan-${i % 3}` }, $add: { events: 1 } },
  }));
}

export function startEventStream(options: StreamOptions): RunningStream {
  const result: StreamResult = { accepted: new Set(), rejected: 0, answers: {} };
  const batches: StreamEvent[][] = [];
  for (let i = 0; i < options.events.length; i += options.batchSize) batches.push(options.events.slice(i, i + options.batchSize));
  let next = 0;
  const count = (key: string) => (result.answers[key] = (result.answers[key] ?? 0) + 1);

  async function sendUntilAnswered(batch: StreamEvent[]): Promise<void> {
    const body = JSON.stringify({ api_key: options.apiKey, events: batch });
    for (let attempt = 0; ; attempt++) {
      let status: number | 'network';
      try {
        const res = await fetch(`${options.url()}/2/httpapi`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 'network';
      }
      count(String(status));
      if (status === 200) {
        for (const e of batch) result.accepted.add(eventKey(e.user_id, e.time));
        return;
      }
      if (status !== 'network' && !RETRYABLE.has(status)) {
        result.rejected += batch.length;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.min(1_000, 100 * 2 ** attempt)));
    }
  }

  async function client(): Promise<void> {
    while (next < batches.length) {
      const batch = batches[next++]!;
      await sendUntilAnswered(batch);
      await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  }

  const done = Promise.all(Array.from({ length: options.concurrency }, client)).then(() => result);
  return { acceptedCount: () => result.accepted.size, acceptedKeys: () => [...result.accepted], done };
}
