/** Queue handles for producers. One Redis connection per process serves every producer. */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { env } from '@/lib/env';
import { createRedisConnection } from '@/lib/queue/connection';
import {
  type DeliverJob,
  type IngestJob,
  QUEUE_NAMES,
  deliverJobOptions,
  ingestJobOptions,
} from '@/lib/queue/contracts';

type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

const state: { connection?: Redis; queues: Map<QueueName, Queue> } = { queues: new Map() };

export function producerConnection(): Redis {
  state.connection ??= createRedisConnection('producer');
  return state.connection;
}

function queue<T>(name: QueueName, defaultJobOptions: Queue['defaultJobOptions']): Queue<T> {
  let q = state.queues.get(name);
  if (!q) {
    q = new Queue(name, { connection: producerConnection(), prefix: env().QUEUE_PREFIX, defaultJobOptions });
    state.queues.set(name, q);
  }
  return q as Queue<T>;
}

export const ingestQueue = () => queue<IngestJob>(QUEUE_NAMES.ingest, ingestJobOptions);
export const deliverQueue = () => queue<DeliverJob>(QUEUE_NAMES.deliver, deliverJobOptions);

export async function enqueueIngest(job: IngestJob): Promise<void> {
  await ingestQueue().add('ingest', job);
}

export async function closeQueues(): Promise<void> {
  await Promise.all([...state.queues.values()].map((q) => q.close()));
  state.queues.clear();
  state.connection?.disconnect();
  state.connection = undefined;
}
