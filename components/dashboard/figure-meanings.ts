/**
 * What each figure of the dashboard means, in one line, shown as its tooltip. Counters use the
 * words of the Prometheus HELP lines; "Failed" has one definition everywhere (delivery-rate).
 */
import { COUNTER_DESCRIPTIONS } from '@/lib/metrics/counter-descriptions';
import { DELIVERY_RATE_MEANING, FAILED_MEANING } from '@/lib/metrics/delivery-rate';

export const FIGURE_MEANINGS = {
  delivered: `${COUNTER_DESCRIPTIONS.delivered.replace(/\.$/, '')}, including failures a replay delivered later.`,
  failed: FAILED_MEANING,
  deliveryRate: DELIVERY_RATE_MEANING,
  latency: 'Time from ingestion to Braze acceptance: 95% of delivered objects took at most this long.',
  backlog: 'Objects of this sync queued for delivery to Braze, and the age of the oldest.',
  skipped: COUNTER_DESCRIPTIONS.skipped,
  filtered: COUNTER_DESCRIPTIONS.filtered,
  retried: COUNTER_DESCRIPTIONS.retried,
  rateLimited: COUNTER_DESCRIPTIONS.rateLimited,
  requests: COUNTER_DESCRIPTIONS.requests,
  dataPointsSent: `${COUNTER_DESCRIPTIONS.dataPointsSent.replace(/\.$/, '')}, replays included: what Braze bills.`,
} as const;
