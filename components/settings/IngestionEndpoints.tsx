import { SectionCard } from '@/components/ui/SectionCard';

const ENDPOINTS = [
  { path: '/2/httpapi', name: 'HTTP V2 API', detail: 'What the Amplitude SDKs use: set serverUrl to this URL.' },
  { path: '/batch', name: 'Batch Event Upload API', detail: 'For backfills and high-volume senders.' },
  { path: '/identify', name: 'Identify API', detail: 'Form-encoded api_key and identification.' },
];

export function IngestionEndpoints({ serverUrl }: { serverUrl: string }) {
  return (
    <SectionCard id="ingestion-endpoints" title="Ingestion endpoints" description="Amplitude's ingestion APIs, answered by this server.">
      <ul className="-my-3 divide-y divide-slate-100">
        {ENDPOINTS.map((e) => (
          <li key={e.path} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:gap-4">
            <code className="shrink-0 font-mono text-sm text-brand-700 sm:w-80">POST {serverUrl}{e.path}</code>
            <div>
              <p className="text-sm font-medium text-slate-900">{e.name}</p>
              <p className="text-sm text-slate-500">{e.detail}</p>
            </div>
          </li>
        ))}
      </ul>
    </SectionCard>
  );
}
