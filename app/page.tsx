import { IngestionEndpoints } from '@/components/home/IngestionEndpoints';

export const dynamic = 'force-dynamic';

export default function HomePage() {
  return (
    <main className="mx-auto max-w-4xl px-6 py-16">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">Event Streaming</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Braze Event Streaming</h1>
      <p className="mt-4 max-w-2xl text-slate-600">
        Point your Amplitude SDKs at this server. Every ingested event and user update is streamed to Braze&apos;s
        REST API by the Syncs you create.
      </p>
      <IngestionEndpoints />
    </main>
  );
}
