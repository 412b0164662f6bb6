const ENDPOINTS = [
  { path: '/2/httpapi', name: 'HTTP V2 API', detail: 'What the Amplitude SDKs use: set serverUrl to this URL.' },
  { path: '/batch', name: 'Batch Event Upload API', detail: 'For backfills and high-volume senders.' },
  { path: '/identify', name: 'Identify API', detail: 'Form-encoded api_key and identification.' },
];

export function IngestionEndpoints() {
  return (
    <section aria-labelledby="ingestion-heading" className="mt-10 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="ingestion-heading" className="text-lg font-semibold">
        Ingestion endpoints
      </h2>
      <ul className="mt-4 divide-y divide-slate-100">
        {ENDPOINTS.map((e) => (
          <li key={e.path} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:gap-4">
            <code className="w-32 shrink-0 font-mono text-sm text-brand-700">POST {e.path}</code>
            <div>
              <p className="font-medium">{e.name}</p>
              <p className="text-sm text-slate-600">{e.detail}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
