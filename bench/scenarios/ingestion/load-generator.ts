/**
 * The ingestion load generator, run as its own process by the ingestion scenario: POSTs
 * Amplitude HTTP V2 bodies to the app and counts what it accepted. An event counts as accepted
 * only from a 200 answer whose body says `code: 200`, as the SDKs read it.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { serveChildTask } from '@/bench/harness/child-task';
import { runHttpLoad, type LoadResult } from '@/bench/harness/http-load';
import { buildBodyTemplates, renderBody } from '@/bench/scenarios/ingestion/events';

const gzipAsync = promisify(gzip);

/** HTTP V2 limit (https://amplitude.com/docs/apis/analytics/http-v2): bodies must stay under it to be accepted. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface IngestionLoadInput {
  url: string;
  apiKey: string;
  batchSize: number;
  gzip: boolean;
  connections: number;
  durationSec: number;
  /** First `insert_id` sequence number, so runs of one benchmark never repeat an id. */
  sequenceStart: number;
}

export interface IngestionLoadResult extends LoadResult {
  acceptedRequests: number;
  acceptedEvents: number;
  /** 200 answers whose body did not say `code: 200` (not counted as accepted). */
  unexpectedOkBodies: number;
  /** Accepted answers that ingested fewer events than were sent. */
  partialAccepts: number;
  /** Mean request body as sent (compressed when gzip). */
  meanBodyBytes: number;
}

interface SuccessBody {
  code?: unknown;
  events_ingested?: unknown;
}

async function prepare(input: IngestionLoadInput): Promise<() => Promise<IngestionLoadResult>> {
  const templates = buildBodyTemplates({ apiKey: input.apiKey, batchSize: input.batchSize });
  const oversized = templates.find((t) => t.body.length > MAX_BODY_BYTES);
  if (oversized) throw new Error(`a ${input.batchSize}-event body is ${oversized.body.length} bytes, over the 1 MiB limit`);
  // Compressing on the fly would take the load generator's CPU from the app; gzip bodies are made
  // once, one per template, and repeat (the same insert_ids) every `templates.length` requests.
  const compressed = input.gzip ? await Promise.all(templates.map((t, i) => gzipAsync(renderBody(t, input.sequenceStart + i)))) : [];
  let sequence = input.sequenceStart;
  let bodyBytes = 0;
  const nextBody = () => {
    const index = sequence % templates.length;
    const body = input.gzip ? compressed[index]! : renderBody(templates[index]!, sequence);
    sequence++;
    bodyBytes += body.length;
    return body;
  };

  let acceptedRequests = 0;
  let acceptedEvents = 0;
  let unexpectedOkBodies = 0;
  let partialAccepts = 0;
  const onResponse = (status: number, text: string) => {
    if (status !== 200) return;
    let body: SuccessBody | undefined;
    try {
      body = JSON.parse(text) as SuccessBody;
    } catch {
      // Counted below as unexpected.
    }
    if (body?.code === 200 && typeof body.events_ingested === 'number') {
      acceptedRequests++;
      acceptedEvents += body.events_ingested;
      if (body.events_ingested !== input.batchSize) partialAccepts++;
    } else {
      unexpectedOkBodies++;
    }
  };

  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (input.gzip) headers['Content-Encoding'] = 'gzip';
  return async () => {
    const load = await runHttpLoad({ url: input.url, connections: input.connections, durationSec: input.durationSec, headers, nextBody, onResponse });
    return { ...load, acceptedRequests, acceptedEvents, unexpectedOkBodies, partialAccepts, meanBodyBytes: Math.round(bodyBytes / Math.max(1, load.sent)) };
  };
}

serveChildTask(prepare);
