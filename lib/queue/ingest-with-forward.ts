/**
 * Adds a request's ingest job and its forward job in one Redis MULTI (BullMQ's FlowProducer
 * `addBulk` of two jobs without children): either both are kept or neither, so an accepted
 * request is never delivered to Braze but not forwarded to Amplitude, or the reverse. `prefix` is
 * one partition's (lib/queue/partitions): both queues of a partition share its slot on a cluster.
 */
import { FlowProducer } from 'bullmq';
import type { RedisClient } from '@/lib/queue/connection';
import { QUEUE_NAMES, forwardJobOptions, ingestJobOptions, type ForwardJob, type IngestJob } from '@/lib/queue/contracts';

let cached: { connection: RedisClient; flows: Map<string, FlowProducer> } | undefined;

function flowsOn(connection: RedisClient, prefix: string): FlowProducer {
  if (cached?.connection !== connection) cached = { connection, flows: new Map() };
  let flows = cached.flows.get(prefix);
  if (!flows) cached.flows.set(prefix, (flows = new FlowProducer({ connection, prefix })));
  return flows;
}

export async function addIngestWithForward(connection: RedisClient, prefix: string, ingest: IngestJob, forward: ForwardJob): Promise<void> {
  await flowsOn(connection, prefix).addBulk([
    { name: 'ingest', queueName: QUEUE_NAMES.ingest, data: ingest, opts: ingestJobOptions },
    { name: 'forward', queueName: QUEUE_NAMES.forward, data: forward, opts: forwardJobOptions },
  ]);
}
