/**
 * Adds a request's ingest job and its forward job in one Redis MULTI (BullMQ's FlowProducer
 * `addBulk` of two jobs without children): either both are kept or neither, so an accepted
 * request is never delivered to Braze but not forwarded to Amplitude, or the reverse.
 */
import { FlowProducer } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, forwardJobOptions, ingestJobOptions, type ForwardJob, type IngestJob } from '@/lib/queue/contracts';

let cached: { connection: Redis; prefix: string; flows: FlowProducer } | undefined;

function flowsOn(connection: Redis, prefix: string): FlowProducer {
  if (cached?.connection !== connection || cached.prefix !== prefix) {
    cached = { connection, prefix, flows: new FlowProducer({ connection, prefix }) };
  }
  return cached.flows;
}

export async function addIngestWithForward(connection: Redis, prefix: string, ingest: IngestJob, forward: ForwardJob): Promise<void> {
  await flowsOn(connection, prefix).addBulk([
    { name: 'ingest', queueName: QUEUE_NAMES.ingest, data: ingest, opts: ingestJobOptions },
    { name: 'forward', queueName: QUEUE_NAMES.forward, data: forward, opts: forwardJobOptions },
  ]);
}
