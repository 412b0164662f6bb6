/** What each delivery counter counts, in the words of the dashboard and the Prometheus HELP lines. */
import type { CounterName } from '@/lib/metrics/counters';

export const COUNTER_DESCRIPTIONS: Record<CounterName, string> = {
  delivered: 'Objects (events and user updates) Braze accepted.',
  deliveredFirstAttempt: 'Objects Braze accepted on the first attempt.',
  deliveredAfterRetry: 'Objects Braze accepted after one or more retries.',
  notDelivered: 'Objects Braze refused, or that could not be sent; kept as dead letters.',
  expired: 'Objects Braze did not accept within the retry period; kept as dead letters.',
  skipped: 'Events not sent because they have no value for the Braze user ID (anonymous users).',
  filtered: "Events left out by the sync's event selection, or while Send Events or the sync was off.",
  retried: 'Objects whose delivery failed with a retryable error (429, 5xx, timeout) and was tried again.',
  requests: 'Requests sent to Braze /users/track.',
  rateLimited: 'Requests Braze answered with 429 (rate limited).',
  dataPointsSent: 'Braze data points used by accepted objects.',
  dataPointsSaved: 'Attribute writes not sent because this sync had already sent the same value (data points saved).',
  possibleDuplicates: 'Objects sent again after an attempt whose outcome was unknown: Braze may hold them twice.',
  recovered: 'Failed objects that a replay got accepted by Braze (also counted as delivered).',
  superseded: 'Failed user updates a replay left unsent because newer values of all their attributes were already sent.',
  identifiedAliases: "Anonymous users' alias profiles Braze merged into their identified user (/users/identify).",
};
