'use client';

import Link from 'next/link';
import { formatAge, formatCount, formatLatency } from '@/components/dashboard/format';
import { Badge } from '@/components/ui/Badge';
import { useForwardOverview } from '@/lib/client/use-forward-overview';
import type { ForwardOverview } from '@/lib/forward/overview';

const cell = 'px-3 py-2 text-right tabular-nums';
const head = 'px-3 py-2 text-right font-medium';

/**
 * Forward to Amplitude on the Delivery page: one row of what reached Amplitude, what it refused,
 * p95 latency and what waits, and Amplitude's latest refusals. Shown once forwarding was turned
 * on (or has figures to show).
 */
export function ForwardingSection({ now }: { now: number }) {
  const overview = useForwardOverview();
  const data = overview.data;
  if (!data || (!data.enabled && data.lastDay.forwarded + data.lastDay.failed + data.backlog.requests === 0)) return null;
  return (
    <section aria-labelledby="forwarding-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-100 px-6 py-4">
        <h2 id="forwarding-title" className="text-base font-semibold text-slate-900">
          Forward to Amplitude
        </h2>
        <p className="mt-0.5 text-sm text-slate-500">
          Accepted events, identifies and group identifies sent on to Amplitude from a queue of their own. Latency runs from ingestion to Amplitude&apos;s 200.{' '}
          <Link href="/settings#forward-to-amplitude" className="font-medium text-brand-700 underline hover:text-brand-600">
            Settings
          </Link>
        </p>
      </header>
      <div className="overflow-x-auto p-2">
        <ForwardingTable data={data} now={now} />
      </div>
      {data.recentFailures.length > 0 && <RecentFailures failures={data.recentFailures} now={now} />}
    </section>
  );
}

function ForwardingTable({ data, now }: { data: ForwardOverview; now: number }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Forwarding to Amplitude</caption>
      <thead className="text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th scope="col" className="px-3 py-2 text-left font-medium">Destination</th>
          <th scope="col" className={head}>Forwarded (1 h)</th>
          <th scope="col" className={head}>Failed (1 h)</th>
          <th scope="col" className={head}>Forwarded (24 h)</th>
          <th scope="col" className={head}>Failed (24 h)</th>
          <th scope="col" className={head}>p95 latency</th>
          <th scope="col" className={head}>Backlog</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
            Amplitude <Badge tone={data.enabled ? 'green' : 'gray'}>{data.enabled ? 'On' : 'Off'}</Badge>
          </th>
          <td className={cell}>{formatCount(data.lastHour.forwarded)}</td>
          <td className={`${cell} ${data.lastHour.failed > 0 ? 'text-red-700' : ''}`}>{formatCount(data.lastHour.failed)}</td>
          <td className={cell}>{formatCount(data.lastDay.forwarded)}</td>
          <td className={`${cell} ${data.lastDay.failed > 0 ? 'text-red-700' : ''}`}>{formatCount(data.lastDay.failed)}</td>
          <td className={cell}>{formatLatency(data.p95LatencyMs)}</td>
          <td className={cell}>
            {formatCount(data.backlog.requests)} {data.backlog.requests === 1 ? 'request' : 'requests'}
            {data.backlog.retrying > 0 && <span className="block text-xs text-slate-500">{formatCount(data.backlog.retrying)} waiting to retry</span>}
            {data.backlog.oldestAt && <span className="block text-xs text-slate-500">oldest {formatAge(data.backlog.oldestAt, now)}</span>}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function RecentFailures({ failures, now }: { failures: ForwardOverview['recentFailures']; now: number }) {
  return (
    <div className="border-t border-slate-100 px-6 py-4">
      <h3 className="text-sm font-semibold text-slate-800">Latest events Amplitude refused</h3>
      <ul className="mt-2 space-y-2">
        {failures.map((f, i) => (
          <li key={`${f.at}-${i}`} className="text-sm">
            <span className="font-medium text-slate-900">{f.eventType ?? 'Event'}</span>
            {f.insertId && <span className="ml-2 font-mono text-xs text-slate-500">{f.insertId}</span>}
            <span className="ml-2 text-xs text-slate-500">{formatAge(f.at, now)} ago · {f.status === 0 ? 'no answer' : `HTTP ${f.status}`}</span>
            <pre className="mt-1 overflow-x-auto rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-700">{f.answer}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
