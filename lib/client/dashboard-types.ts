/** Shapes of the delivery dashboard's API answers, as the browser receives them. */
export type { Overview, OverviewSync, WindowTotals } from '@/lib/dashboard/overview';
export type { SyncMetrics } from '@/lib/dashboard/sync-dashboard';
export type { SeriesPoint } from '@/lib/metrics/queries';
export type { FailureReport } from '@/lib/dead-letters/failure-report';
export type { DeadLetterView } from '@/lib/dead-letters/dead-letter-view';
export type { DeliveryLogAnswer } from '@/lib/dashboard/delivery-log-search';
export type { DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
export type { QueueDepth } from '@/lib/queue/backlog';
export type { SyncState } from '@/lib/syncs/sync-state';
