import type { DeliverItem } from '@/lib/queue/contracts';

/**
 * Braze bills a custom event as one data point, and each attribute written as one (braze-api.md
 * §8). The one count of what an object costs: delivery counts what Braze accepted with it, and a
 * dry run what it would have sent (lib/dry-run).
 */
export function dataPointsOf(item: DeliverItem): number {
  if (item.kind === 'events') return 1;
  // A purchase of quantity X is recorded as X purchases (braze-api.md §2.7), each billed.
  if (item.kind === 'purchases') return typeof item.object.quantity === 'number' ? item.object.quantity : 1;
  return Object.keys(item.remember?.set ?? {}).length;
}
