import { Alert } from '@/components/ui/Alert';
import { CopyButton } from '@/components/ui/CopyButton';
import type { PreviewResult } from '@/lib/client/types';

export function PreviewResultView({ result }: { result: PreviewResult }) {
  const { request, notes } = result;
  const body = request ? JSON.stringify(request.body, null, 2) : '';
  return (
    <div role="status" aria-label="Preview result" className="space-y-3">
      {request ? (
        <div className="overflow-hidden rounded-lg border border-slate-800 bg-slate-900 text-slate-100">
          <div className="flex items-center justify-between gap-3 border-b border-slate-700 px-4 py-2">
            <p className="truncate font-mono text-xs">
              <span className="font-semibold text-emerald-400">{request.method}</span> {request.url}
            </p>
            <CopyButton text={body} label="Copy request body" />
          </div>
          <pre className="overflow-x-auto px-4 py-3 font-mono text-xs leading-relaxed">
            <code>
              {Object.entries(request.headers)
                .map(([name, value]) => `${name}: ${value}`)
                .join('\n')}
              {'\n\n'}
              {body}
            </code>
          </pre>
        </div>
      ) : (
        <Alert tone="warning" title="Nothing would be sent for this event" />
      )}
      {notes.map((note) => (
        <Alert key={note} tone="info">
          {note}
        </Alert>
      ))}
      {result.dateLike.map((found) => (
        <Alert key={`${found.where}=${found.value}`} tone="warning" title="Date-looking text">
          {found.where} is &ldquo;{found.value}&rdquo;: it looks like a date, so Braze stores it as a time, not as text. Send a
          different format if it is meant as text.
        </Alert>
      ))}
    </div>
  );
}
