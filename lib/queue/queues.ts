/** Queue handles for producers. One Redis connection per process serves every producer. */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { env } from '@/lib/env';
import { isConnectionError } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';
import { createRedisConnection } from '@/lib/queue/connection';
import { RedisMemoryWatch, estimateJobMemory } from '@/lib/queue/memory-watch';
import { addIngestWithForward } from '@/lib/queue/ingest-with-forward';
import {
  type DeliverJob,
  type IngestJob,
  type ImportJob,
  type PrivacyJob,
  QUEUE_NAMES,
  type QueueName,
  deliverJobOptions,
  importJobOptions,
  ingestJobOptions,
  forwardJobOptions,
  type ForwardJob,
  privacyJobOptions,
} from '@/lib/queue/contracts';

const log = childLogger('queue');

const state: { connection?: Redis; queues: Map<QueueName, Queue>; memory?: RedisMemoryWatch } = { queues: new Map() };

export function producerConnection(): Redis {
  state.connection ??= createRedisConnection('producer');
  return state.connection;
}

function queue<T>(name: QueueName, defaultJobOptions: Queue['defaultJobOptions']): Queue<T> {
  let q = state.queues.get(name);
  if (!q) {
    q = new Queue(name, { connection: producerConnection(), prefix: env().QUEUE_PREFIX, defaultJobOptions });
    // A lost connection is said by the connection's own outage log (lib/queue/connection), once
    // per 10 s; without a listener BullMQ would print every failed attempt.
    q.on('error', (err: Error) => {
      if (!isConnectionError(err)) log.error({ queue: name, err: err.message }, 'queue error');
    });
    state.queues.set(name, q);
  }
  return q as Queue<T>;
}

export const ingestQueue = () => queue<IngestJob>(QUEUE_NAMES.ingest, ingestJobOptions);
export const deliverQueue = () => queue<DeliverJob>(QUEUE_NAMES.deliver, deliverJobOptions);
export const privacyQueue = () => queue<PrivacyJob>(QUEUE_NAMES.privacy, privacyJobOptions);
export const importQueue = () => queue<ImportJob>(QUEUE_NAMES.import, importJobOptions);
export const forwardQueue = () => queue<ForwardJob>(QUEUE_NAMES.forward, forwardJobOptions);

export class QueueUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueUnavailableError';
  }
}

const ENQUEUE_TIMEOUT_MS = 5_000;

/**
 * Adds an ingest job, or throws promptly when Redis cannot take it: not connected (BullMQ would
 * otherwise wait for the connection indefinitely) or not answering in time. A job that times
 * out may still land once Redis answers; the client then retries and de-duplication by
 * insert_id drops the second copy. With `forward` (the project forwards to Amplitude) its
 * forward job is added in the same transaction.
 */
export async function enqueueIngest(job: IngestJob, sizeBytes = 0, forward?: ForwardJob): Promise<void> {
  const connection = producerConnection();
  if (connection.status !== 'ready') throw new QueueUnavailableError(`Redis is not connected (${connection.status})`);
  // Reserved before the write, so requests in flight together cannot all pass the check.
  if (!ingestMemoryWatch().tryReserve(estimateJobMemory(forward ? 2 * sizeBytes : sizeBytes))) {
    throw new QueueUnavailableError('Redis is above its high-water mark; the backlog must drain first');
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError('Redis did not answer in time')), ENQUEUE_TIMEOUT_MS);
  });
  try {
    const adding = forward ? addIngestWithForward(connection, env().QUEUE_PREFIX, job, forward) : ingestQueue().add('ingest', job);
    await Promise.race([adding, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function ingestMemoryWatch(): RedisMemoryWatch {
  if (!state.memory) {
    state.memory = new RedisMemoryWatch(producerConnection(), env().INGEST_REDIS_HIGH_WATER);
    state.memory.start();
  }
  return state.memory;
}

/** Opens the producer connection early, so the first request does not find it still connecting. */
export function warmUpProducer(): Promise<void> {
  ingestMemoryWatch();
  const connection = producerConnection();
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      connection.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, 3_000);
    connection.once('ready', done);
  });
}

export async function closeQueues(): Promise<void> {
  state.memory?.stop();
  state.memory = undefined;
  await Promise.all([...state.queues.values()].map((q) => q.close()));
  state.queues.clear();
  state.connection?.disconnect();
  state.connection = undefined;
}
