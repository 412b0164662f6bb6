/** The naive baseline's per-event delivery queue (beside the product's `ingest` and `deliver`). */
export const NAIVE_DELIVER_QUEUE = 'naive-deliver';
