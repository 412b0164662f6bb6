'use client';

import Link from 'next/link';
import { BrazeLogo } from '@/components/braze/BrazeLogo';
import { Badge } from '@/components/ui/Badge';
import { useSyncs } from '@/lib/client/use-syncs';

function SyncCount() {
  const syncs = useSyncs();
  if (!syncs.data) return null;
  const enabled = syncs.data.filter((s) => s.enabled).length;
  if (syncs.data.length === 0) return <Badge tone="gray">No syncs</Badge>;
  return (
    <Badge tone={enabled > 0 ? 'green' : 'gray'}>
      {syncs.data.length} sync{syncs.data.length === 1 ? '' : 's'} · {enabled} enabled
    </Badge>
  );
}

export function DestinationsTab() {
  return (
    <section aria-labelledby="event-streaming-title" className="space-y-4">
      <div>
        <h2 id="event-streaming-title" className="text-base font-semibold text-slate-900">
          Event Streaming
        </h2>
        <p className="mt-0.5 text-sm text-slate-500">Stream events and users to a destination as they arrive, within seconds.</p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <li>
          <Link
            href="/catalog/destinations/braze"
            aria-labelledby="braze-card-name"
            aria-describedby="braze-card-description"
            className="group flex h-full flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-500 hover:shadow focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            <div className="flex items-center gap-3">
              <BrazeLogo />
              <span id="braze-card-name" className="text-base font-semibold text-slate-900 group-hover:text-brand-700">
                Braze
              </span>
            </div>
            <span id="braze-card-description" className="text-sm text-slate-500">
              Stream your event and user data straight to Braze with just a few clicks.
            </span>
            <span className="mt-auto">
              <SyncCount />
            </span>
          </Link>
        </li>
      </ul>
    </section>
  );
}
