/** What the delivery scenario measures, and its targets (delivery issue, item 9). */
import type { BenchOptions } from '@/bench/harness/context';

export const BATCH_SIZE = 100;

export const TARGETS = {
  /** End to end, one worker: on first sight of the users, and again once their profiles exist. */
  eventsPerSecond: 25_000,
  p95Ms: 150,
  p99Ms: 250,
  /** Every one-worker variant's peak. */
  workerRssMib: 250,
  objectsPerRequest: 70,
  ratioToNaive: 10,
  /** The product's end-to-end events/s as a share of the bare relay's, measured in the same run. */
  shareOfRelay: 0.65,
} as const;

/** The fixed moderate rate of the latency part: 20 requests of 100 events per second. */
export const LATENCY_RATE_EVENTS_PER_SECOND = 2_000;

/** Keep-alive connections that push the fixed event count (a few concurrent senders). */
export const THROUGHPUT_CONNECTIONS = 4;

/** Event properties the benchmark sync sends (present on every event, or on some event types). */
export const SELECTED_EVENT_PROPERTIES = [
  'page_path', 'page_title', 'utm_source', 'utm_campaign', 'experiment_variant', 'screen_width', 'is_logged_in',
  'product_id', 'category', 'price', 'revenue', 'order_id', 'search_term', 'button_id', 'video_id',
];

/** User properties the benchmark sync sends as event properties, so every event is given its user's view. */
export const SELECTED_USER_PROPERTIES = ['plan'];

/** Sizes scale with `--duration` (20 s by default). */
export function planOf(options: Pick<BenchOptions, 'durationSec' | 'warmupSec'>) {
  const d = options.durationSec;
  return {
    /** Events pushed for each product throughput variant (150,000 at the default duration). */
    productEvents: Math.max(20, Math.round(d * 75)) * BATCH_SIZE,
    /** The naive baseline sends one request per event (Braze allows 1,000/s): 10,000 events by default. */
    naiveEvents: Math.max(5, Math.round(d * 5)) * BATCH_SIZE,
    /** Measured seconds at the fixed rate (30 s by default). */
    latencySec: Math.max(10, Math.round(d * 1.5)),
    /** Unreported load at the fixed rate before it is measured. */
    warmupSec: options.warmupSec,
  };
}

/** Each part's `insert_id` sequence numbers start at its own block, so no two requests share one. */
export const SEQUENCE_BASE = 0x8000_0000;
export const SEQUENCE_BLOCK = 0x0100_0000;
