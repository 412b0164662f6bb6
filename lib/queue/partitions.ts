/**
 * Partitions: the queues and the per-user state split into N parts, each under its own key
 * prefix, so a Redis Cluster spreads them over its masters. This module alone decides which
 * partition a user belongs to and how a partition's keys are named; everything else asks it.
 *
 * - A user always maps to one partition (a stable hash of the project and the user key), so one
 *   user's ingest jobs, delivery jobs, leases, pending updates, markers and caches are all in
 *   one partition, and per-user order holds as on one Redis.
 * - A partition's prefix is `{<QUEUE_PREFIX>:p<n>}`: the braces are a Redis Cluster hash tag, so
 *   every key of a partition lands in one slot. BullMQ's scripts touch several keys of a queue at
 *   once and need that; so do ours (claims, leases, markers beside the queue's job lock). Keys
 *   that already carry a tag (`{syncId}`, `{projectId}`) keep it after the prefix: Redis hashes
 *   only the first `{…}`, so the partition's tag decides the slot.
 * - With one partition on one Redis the prefix stays `QUEUE_PREFIX` as it always was, so an
 *   existing installation keeps its queues and state with no migration.
 */
import type { Env } from '@/lib/env';

export interface PartitionConfig {
  /** QUEUE_PREFIX. */
  base: string;
  count: number;
  /** Whether Redis is a cluster: then even one partition needs a hash-tagged prefix. */
  cluster: boolean;
}

export interface PartitionedEvent {
  user_id?: unknown;
  device_id?: unknown;
  insert_id?: unknown;
}

export class Partitions {
  readonly count: number;
  readonly base: string;
  /** False for one partition on one Redis: keys are named exactly as before partitions existed. */
  readonly tagged: boolean;
  private readonly prefixes: string[];

  constructor(config: PartitionConfig) {
    if (!Number.isInteger(config.count) || config.count < 1) throw new Error(`the partition count must be a whole number of at least 1, not ${config.count}`);
    this.count = config.count;
    this.base = config.base;
    this.tagged = config.cluster || config.count > 1;
    this.prefixes = Array.from({ length: this.count }, (_, p) => (this.tagged ? `{${this.base}:p${p}}` : this.base));
  }

  /** Every partition number, ascending. */
  get all(): number[] {
    return [...this.prefixes.keys()];
  }

  /** The key prefix of partition `p`: its queues' BullMQ prefix and its state keys'. */
  prefixOf(p: number): string {
    const prefix = this.prefixes[p];
    if (prefix === undefined) throw new Error(`no partition ${p}: there are ${this.count}`);
    return prefix;
  }

  /**
   * The partition of a user key (`u:<user_id>`, `d:<device_id>`: lib/users/profile-store's
   * `userKeyOf`), or of any other key an event is placed by. FNV-1a: stable across processes,
   * versions and platforms (no seed), cheap per event, and spread evenly enough for tens of
   * partitions.
   */
  ofKey(projectId: string, key: string): number {
    if (this.count === 1) return 0;
    return fnv1a(`${projectId}\u0000${key}`) % this.count;
  }

  /** The partition of an event: its user, else its device, else its insert_id, else 0. */
  ofEvent(projectId: string, event: PartitionedEvent): number {
    // One partition: no key to build per event on the ingestion path.
    if (this.count === 1) return 0;
    const key = placementKey(event);
    return key === null ? 0 : this.ofKey(projectId, key);
  }

  /** Groups items by the partition `partitionOf` gives each, keeping their order within a group. */
  group<T>(items: readonly T[], partitionOf: (item: T) => number): Map<number, T[]> {
    const groups = new Map<number, T[]>();
    for (const item of items) {
      const p = partitionOf(item);
      const group = groups.get(p);
      if (group) group.push(item);
      else groups.set(p, [item]);
    }
    return groups;
  }

  /**
   * A job's identity across partitions: BullMQ numbers jobs per queue, so partitions reuse the
   * same ids. Ids derived from it (delivery jobs, claims) need it unique; unchanged untagged.
   */
  jobIdentity(p: number, jobId: string): string {
    return this.tagged ? `p${p}-${jobId}` : jobId;
  }
}

function placementKey(event: PartitionedEvent): string | null {
  if (typeof event.user_id === 'string' && event.user_id !== '') return `u:${event.user_id}`;
  if (typeof event.device_id === 'string' && event.device_id !== '') return `d:${event.device_id}`;
  if (typeof event.insert_id === 'string' && event.insert_id !== '') return `i:${event.insert_id}`;
  return null;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The partitions the configuration describes. */
export function partitionsOf(config: Pick<Env, 'QUEUE_PREFIX' | 'QUEUE_PARTITIONS' | 'REDIS_CLUSTER_NODES'>): Partitions {
  return new Partitions({ base: config.QUEUE_PREFIX, count: config.QUEUE_PARTITIONS, cluster: config.REDIS_CLUSTER_NODES.length > 0 });
}

/**
 * Splits `total` (a worker's DELIVERY_CONCURRENCY or INGEST_CONCURRENCY) over its `parts`
 * partitions, at least one each: the setting stays the worker's total.
 */
export function splitConcurrency(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.max(1, Math.floor(total / parts) + (i < total % parts ? 1 : 0)));
}
