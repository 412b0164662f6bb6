import { CopyButton } from '@/components/ui/CopyButton';
import { SectionCard } from '@/components/ui/SectionCard';

function browserSnippet(apiKey: string, serverUrl: string): string {
  return `import * as amplitude from '@amplitude/analytics-browser';

amplitude.init('${apiKey}', {
  serverUrl: '${serverUrl}/2/httpapi',
});

amplitude.track('Signed Up', { plan: 'pro' });`;
}

function nodeSnippet(apiKey: string, serverUrl: string): string {
  return `import { init, track } from '@amplitude/analytics-node';

init('${apiKey}', { serverUrl: '${serverUrl}/2/httpapi' });

track('Signed Up', { plan: 'pro' }, { user_id: 'user-12345' });`;
}

function Snippet({ id, title, code }: { id: string; title: string; code: string }) {
  return (
    <figure aria-labelledby={`${id}-title`} className="overflow-hidden rounded-lg border border-slate-800 bg-slate-900">
      <figcaption className="flex items-center justify-between border-b border-slate-700 px-4 py-2">
        <span id={`${id}-title`} className="text-xs font-medium text-slate-300">
          {title}
        </span>
        <CopyButton text={code} label={`Copy the ${title} snippet`} />
      </figcaption>
      <pre className="overflow-x-auto px-4 py-3 font-mono text-xs leading-relaxed text-slate-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}

/** Ready to paste: the official SDKs need only this server's URL instead of Amplitude's. */
export function SdkSnippets({ apiKey, serverUrl }: { apiKey: string; serverUrl: string }) {
  return (
    <SectionCard
      id="sdk-snippet"
      title="Send events"
      description={
        <>
          Point any Amplitude SDK at <code className="font-mono text-slate-700">{serverUrl}/2/httpapi</code>; nothing else changes.
        </>
      }
    >
      <Snippet id="snippet-browser" title="Browser (@amplitude/analytics-browser)" code={browserSnippet(apiKey, serverUrl)} />
      <Snippet id="snippet-node" title="Node.js (@amplitude/analytics-node)" code={nodeSnippet(apiKey, serverUrl)} />
    </SectionCard>
  );
}
