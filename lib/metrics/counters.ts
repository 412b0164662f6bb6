/** The delivery counters kept per sync and minute (columns of sync_minute_metrics). */
export const COUNTER_COLUMNS = {
  delivered: 'delivered',
  deliveredFirstAttempt: 'delivered_first_attempt',
  deliveredAfterRetry: 'delivered_after_retry',
  notDelivered: 'not_delivered',
  expired: 'expired',
  skipped: 'skipped',
  filtered: 'filtered',
  retried: 'retried',
  requests: 'requests',
  rateLimited: 'rate_limited',
  dataPointsSent: 'data_points_sent',
  dataPointsSaved: 'data_points_saved',
  possibleDuplicates: 'possible_duplicates',
  recovered: 'recovered',
  superseded: 'superseded',
  /** Anonymous devices' alias profiles Braze merged into their user (lib/anonymous). */
  identifiedAliases: 'identified_aliases',
} as const;

export type CounterName = keyof typeof COUNTER_COLUMNS;
export type Counters = Partial<Record<CounterName, number>>;
export const COUNTER_NAMES = Object.keys(COUNTER_COLUMNS) as CounterName[];
