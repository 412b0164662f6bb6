/**
 * After a variant, the ingest queue must hold exactly what was accepted: one waiting job per
 * accepted request, and as many events in them as the answers said were ingested.
 */
import type { RedisClient } from '@/lib/queue/connection';
import { readWaitingJobs, type QueueContents } from '@/bench/harness/queue';
import type { IngestionLoadResult } from '@/bench/scenarios/ingestion/load-generator';
import { ingestQueue } from '@/lib/queue/queues';

/**
 * Events in an ingest job's data, counted cheaply as `"insert_id":` keys (every generated event
 * has exactly one, no property is named so, and ingestion keeps it). Every 50th job is also
 * parsed, and its count must equal its `events.length`, so the shortcut is checked as it runs.
 */
function createEventCounter(): (data: Buffer) => number {
  const marker = Buffer.from('"insert_id":');
  let jobs = 0;
  return (data) => {
    let count = 0;
    for (let at = data.indexOf(marker); at !== -1; at = data.indexOf(marker, at + marker.length)) count++;
    if (jobs++ % 50 === 0) {
      const events = (JSON.parse(data.toString('utf8')) as { events?: unknown }).events;
      if (!Array.isArray(events) || events.length !== count) throw new Error('ingest job whose events do not match its insert_ids');
    }
    return count;
  };
}

export async function checkIngestQueue(
  redis: RedisClient,
  load: IngestionLoadResult,
): Promise<{ queue: QueueContents; matches: boolean; problem?: string }> {
  const queue = await readWaitingJobs(redis, ingestQueue(), createEventCounter());
  const matches = queue.waitingJobs === load.acceptedRequests && queue.items === load.acceptedEvents && queue.unreadable === 0;
  const problem = matches
    ? undefined
    : `accepted ${load.acceptedRequests} requests / ${load.acceptedEvents} events, but the ingest queue holds ` +
      `${queue.waitingJobs} waiting jobs / ${queue.items} events (${queue.unreadable} unreadable)`;
  return { queue, matches, problem };
}
