import { Alert } from '@/components/ui/Alert';
import type { ChannelResult } from '@/lib/alerts/dispatch';

const NAMES: Record<ChannelResult['channel'], string> = { webhook: 'Webhook', email: 'Email' };

/** What each channel did with the test alert. */
export function TestAlertResults({ results }: { results: ChannelResult[] }) {
  return (
    <div className="space-y-2">
      {results.map((r) =>
        r.ok ? (
          <Alert key={r.channel} tone="success" live>
            {NAMES[r.channel]}: test alert delivered.
          </Alert>
        ) : (
          <Alert key={r.channel} tone="error" live title={`${NAMES[r.channel]}: test alert not delivered`}>
            {r.error}
          </Alert>
        ),
      )}
    </div>
  );
}
