/** What the ingestion scenario measures, and what one measured variant yields. */
import type { UsageSummary } from '@/bench/harness/proc-stats';
import type { QueueContents } from '@/bench/harness/queue';
import type { IngestionLoadResult } from '@/bench/scenarios/ingestion/load-generator';

/** From the ingestion issue: one app process on a 2-core machine. */
export const TARGET_EVENTS_PER_SECOND = 20_000;

export interface Variant {
  name: string;
  batchSize: number;
  gzip: boolean;
}

export const VARIANTS: Variant[] = [
  { name: '100 events/request', batchSize: 100, gzip: false },
  { name: '1,000 events/request', batchSize: 1_000, gzip: false },
  { name: '100 events/request, gzip', batchSize: 100, gzip: true },
];

export interface VariantResult {
  variant: Variant;
  connections: number;
  /** From the first request to the last answer. */
  durationSec: number;
  load: IngestionLoadResult;
  requestsPerSecond: number;
  eventsPerSecond: number;
  /** Events accepted per second of the app's CPU time (user + system). */
  eventsPerAppCpuSecond?: number;
  usage: UsageSummary;
  queue: QueueContents;
  queueMatches: boolean;
  /** Error log lines of the app so far (cumulative over variants). */
  appErrorLogLines: number;
}
