'use client';

import Link from 'next/link';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import { useCatalog } from '@/lib/client/use-catalog';

const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function EventsTab() {
  const catalog = useCatalog();
  if (catalog.isPending) return <LoadingState label="Loading events…" />;
  if (catalog.isError) return <ErrorState message={catalog.error.message} onRetry={() => void catalog.refetch()} />;
  const events = [...catalog.data.eventTypes].sort((a, b) => b.count - a.count);
  if (events.length === 0) {
    return (
      <EmptyState title="No events yet">
        Events appear here as your Amplitude SDKs send them to this server. Find the SDK snippet in{' '}
        <Link href="/settings" className="font-medium text-brand-700 underline">
          Settings
        </Link>
        .
      </EmptyState>
    );
  }
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Event types seen</caption>
        <thead className="bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-6 py-3">Event</th>
            <th scope="col" className="px-6 py-3 text-right">Events received</th>
            <th scope="col" className="px-6 py-3">Last seen</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => (
            <tr key={event.name}>
              <td className="px-6 py-3 font-mono text-slate-900">{event.name}</td>
              <td className="px-6 py-3 text-right tabular-nums text-slate-700">{event.count.toLocaleString()}</td>
              <td className="px-6 py-3 text-slate-500">{formatter.format(new Date(event.lastSeen))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
