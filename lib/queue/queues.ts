/**
 * Queue handles for producers. One Redis connection per process serves every producer. Ingest,
 * deliver and forward queues exist once per partition (lib/queue/partitions); privacy and import
 * jobs are not per user and live in partition 0's queues.
 */
import { type JobsOptions, Queue } from 'bullmq';
import { env } from '@/lib/env';
import { isConnectionError } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';
import { createRedisConnection, type RedisClient } from '@/lib/queue/connection';
import { type Partitions, partitionsOf } from '@/lib/queue/partitions';
import { RedisMemoryWatch, estimateJobMemory } from '@/lib/queue/memory-watch';
import { addIngestWithForward } from '@/lib/queue/ingest-with-forward';
import { IngestBatches } from '@/lib/queue/ingest-batches';
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

/** A delivery job to add: fan-out's, a dead-letter replay's. */
export type NewDeliverJob = { name: string; data: DeliverJob; opts?: JobsOptions };

const log = childLogger('queue');

const state: { connection?: RedisClient; stateConnection?: RedisClient; partitions?: Partitions; queues: Map<string, Queue>; memory?: RedisMemoryWatch; batches?: IngestBatches } = { queues: new Map() };

export function producerConnection(): RedisClient {
  state.connection ??= createRedisConnection('producer');
  return state.connection;
}

/** The pipeline's connection for its own state, separate from BullMQ's (lib/queue/connection). */
export function stateConnection(): RedisClient {
  state.stateConnection ??= createRedisConnection('state');
  return state.stateConnection;
}

/** The configured partitions (lib/queue/partitions). */
export function queuePartitions(): Partitions {
  state.partitions ??= partitionsOf(env());
  return state.partitions;
}

function queue<T>(name: QueueName, defaultJobOptions: Queue['defaultJobOptions'], partition: number): Queue<T> {
  const prefix = queuePartitions().prefixOf(partition);
  const id = `${prefix}\u0000${name}`;
  let q = state.queues.get(id);
  if (!q) {
    q = new Queue(name, { connection: producerConnection(), prefix, defaultJobOptions });
    // A lost connection is said by the connection's own outage log (lib/queue/connection), once
    // per 10 s; without a listener BullMQ would print every failed attempt.
    q.on('error', (err: Error) => {
      if (!isConnectionError(err)) log.error({ queue: name, partition, err: err.message }, 'queue error');
    });
    state.queues.set(id, q);
  }
  return q as Queue<T>;
}

export const ingestQueue = (partition = 0) => queue<IngestJob>(QUEUE_NAMES.ingest, ingestJobOptions, partition);
export const deliverQueue = (partition = 0) => queue<DeliverJob>(QUEUE_NAMES.deliver, deliverJobOptions, partition);
export const forwardQueue = (partition = 0) => queue<ForwardJob>(QUEUE_NAMES.forward, forwardJobOptions, partition);
/** Partition 0's: deletions and imports are not per user. */
export const privacyQueue = () => queue<PrivacyJob>(QUEUE_NAMES.privacy, privacyJobOptions, 0);
export const importQueue = () => queue<ImportJob>(QUEUE_NAMES.import, importJobOptions, 0);

/** A queue of every partition, for readers that sum over them (depths, health). */
export function everyPartition<T>(queueOf: (partition: number) => Queue<T>): Queue<T>[] {
  return queuePartitions().all.map(queueOf);
}

/** Adds delivery jobs, each to the deliver queue of the partition its users belong to. */
export async function addDeliverJobsToPartitions(jobs: readonly (NewDeliverJob & { partition: number })[]): Promise<void> {
  const groups = queuePartitions().group(jobs, (job) => job.partition);
  await Promise.all([...groups].map(([p, group]) => deliverQueue(p).addBulk(group.map(({ partition: _partition, ...job }) => job))));
}

export class QueueUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueUnavailableError';
  }
}

const ENQUEUE_TIMEOUT_MS = 5_000;

/**
 * Adds a request's events as one ingest job per partition their users map to, or throws
 * promptly when Redis cannot take them: not connected (BullMQ would otherwise wait for the
 * connection indefinitely) or not answering in time. A job that times out may still land once
 * Redis answers; the client then retries and de-duplication by insert_id drops the second copy.
 * Requests of one project and partition that arrive while its last add is in flight are added
 * together as one job when it answers (lib/queue/ingest-batches).
 *
 * With `forward` (the project forwards to Amplitude) the forward job is added in one
 * transaction with the first partition's ingest job — a transaction cannot span partitions, as
 * on a cluster they are in different slots — and the other partitions' jobs separately. If any
 * add fails the client gets 503 and sends the whole request again: the ingest jobs that had
 * landed are then fanned out twice, and fan-out's de-duplication by insert_id drops the second
 * copy of each event; a forward job that had landed is forwarded again, and Amplitude drops
 * the events it already has by their insert_id too.
 */
export async function enqueueIngest(job: IngestJob, sizeBytes = 0, forward?: ForwardJob): Promise<void> {
  const connection = producerConnection();
  if (connection.status !== 'ready') throw new QueueUnavailableError(`Redis is not connected (${connection.status})`);
  // Reserved before the write, so requests in flight together cannot all pass the check.
  if (!ingestMemoryWatch().tryReserve(estimateJobMemory(forward ? 2 * sizeBytes : sizeBytes))) {
    throw new QueueUnavailableError('Redis is above its high-water mark; the backlog must drain first');
  }
  const partitions = queuePartitions();
  // A request without events is still one job, as it always was (partition 0).
  const groups = job.events.length === 0 ? [[0, job.events] as const] : [...partitions.group(job.events, (e) => partitions.ofEvent(job.projectId, e))];
  const adding = groups.map(([p, events], i) => {
    const part = groups.length === 1 ? job : { ...job, events };
    return forward && i === 0 ? addIngestWithForward(connection, partitions.prefixOf(p), part, forward) : ingestBatches().submit(p, part);
  });
  await withinEnqueueTimeout(Promise.all(adding));
}

/** `work`'s answer, or QueueUnavailableError once Redis has not answered for ENQUEUE_TIMEOUT_MS. */
async function withinEnqueueTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError('Redis did not answer in time')), ENQUEUE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Requests of one project and partition that arrive during an add go together in the next (lib/queue/ingest-batches). */
function ingestBatches(): IngestBatches {
  // Bounded like a request's own wait, so an add Redis never answers fails its requests and the lane goes on.
  state.batches ??= new IngestBatches({ add: (partition, job) => withinEnqueueTimeout(ingestQueue(partition).add('ingest', job)) });
  return state.batches;
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
  state.batches = undefined;
  await Promise.all([...state.queues.values()].map((q) => q.close()));
  state.queues.clear();
  state.connection?.disconnect();
  state.connection = undefined;
  state.stateConnection?.disconnect();
  state.stateConnection = undefined;
  state.partitions = undefined;
}
