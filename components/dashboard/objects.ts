/**
 * Counts of Braze objects in the dashboard's words: everything counted is an object Braze
 * receives (a custom event or a user update), so counts say "objects", and name events and user
 * updates apart where both are present.
 */
import { formatCount } from '@/components/dashboard/format';

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

export const formatObjects = (n: number): string => plural(n, 'object', 'objects');

/** "40 objects (20 events, 20 user updates)", "6 objects (events)", "1 object (user update)". */
export function describeObjects(c: { events: number; userUpdates: number }): string {
  const total = formatObjects(c.events + c.userUpdates);
  if (c.events > 0 && c.userUpdates > 0) return `${total} (${plural(c.events, 'event', 'events')}, ${plural(c.userUpdates, 'user update', 'user updates')})`;
  if (c.events > 0) return `${total} (${c.events === 1 ? 'event' : 'events'})`;
  if (c.userUpdates > 0) return `${total} (${c.userUpdates === 1 ? 'user update' : 'user updates'})`;
  return total;
}
