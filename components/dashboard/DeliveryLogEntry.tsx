import { formatCount, formatMoment } from '@/components/dashboard/format';
import { JsonBlock } from '@/components/dashboard/JsonBlock';
import { Badge } from '@/components/ui/Badge';
import type { DeliveryLogAnswer } from '@/lib/client/dashboard-types';

type Entry = DeliveryLogAnswer['entries'][number];
type SentObject = { array: 'events' | 'attributes' | 'purchases'; index: number; object: Record<string, unknown> };

const OUTCOMES = {
  accepted: { label: 'Accepted', tone: 'green' },
  retryable: { label: 'Will retry', tone: 'amber' },
  permanent: { label: 'Refused', tone: 'amber' },
} as const;

function objectsOf(entry: Entry): SentObject[] {
  return (['attributes', 'events', 'purchases'] as const).flatMap((array) => (entry.body[array] ?? []).map((object, index) => ({ array, index, object })));
}

/** One Braze request: when, Braze's answer, and each object sent with Braze's error for it, if any. */
export function DeliveryLogEntry({ entry }: { entry: Entry }) {
  const all = objectsOf(entry);
  const matched = entry.matches;
  const shown = matched ? all.filter((o) => matched.some((m) => m.array === o.array && m.index === o.index)) : all;
  const errorOf = (o: SentObject) => entry.errors.find((e) => e.array === o.array && e.index === o.index)?.reason;
  const outcome = OUTCOMES[entry.outcome];
  const endpoint = entry.endpoint ?? '/users/track';
  const title = `${endpoint} at ${formatMoment(entry.at)}: ${entry.status ?? 'no answer'} ${outcome.label}`;
  return (
    <li>
      <details className="group rounded-lg border border-slate-200" open={matched !== null && shown.length <= 3}>
        <summary aria-label={title} className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-sm">
          <span className="text-slate-600">{formatMoment(entry.at)}</span>
          <span className="font-mono text-xs font-semibold text-slate-800">{entry.status ?? '—'}</span>
          <Badge tone={outcome.tone}>{outcome.label}</Badge>
          {entry.endpoint && <code className="font-mono text-xs text-slate-700">{entry.endpoint}</code>}
          {!entry.call && <span className="text-slate-600">{formatCount(all.length)} {all.length === 1 ? 'object' : 'objects'}</span>}
          {entry.errors.length > 0 && <span className="font-medium text-red-700">{formatCount(entry.errors.length)} refused by Braze</span>}
        </summary>
        <div className="space-y-3 border-t border-slate-100 px-4 py-3">
          {entry.reason && (
            <p className="text-sm">
              <span className="font-medium text-slate-700">Braze answered: </span>
              <span className={`font-mono text-xs ${entry.outcome === 'accepted' ? 'text-slate-700' : 'text-red-800'}`}>{entry.reason}</span>
            </p>
          )}
          {matched && shown.length < all.length && (
            <p className="text-xs text-slate-500">
              Showing the {formatCount(shown.length)} matching of {formatCount(all.length)} objects in this request.
            </p>
          )}
          {entry.call && <JsonBlock value={entry.call} label={`Sent to Braze: ${endpoint}`} />}
          <ul className="space-y-2">
            {shown.map((o) => {
              const error = errorOf(o);
              return (
                <li key={`${o.array}-${o.index}`} className="space-y-1">
                  <p className="text-xs text-slate-500">
                    Sent in <code className="font-mono">{o.array}[{o.index}]</code>
                  </p>
                  <JsonBlock value={o.object} label={`Sent to Braze: ${o.array}[${o.index}]`} />
                  {error && (
                    <p className="rounded-md border border-red-200 bg-red-50 px-3 py-1.5 text-xs text-red-900">
                      <span className="font-semibold">Braze: </span>
                      {error}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      </details>
    </li>
  );
}
