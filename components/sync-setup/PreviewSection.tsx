'use client';

import { useMemo, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { PreviewResultView } from '@/components/sync-setup/PreviewResultView';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import { SectionCard } from '@/components/ui/SectionCard';
import { ApiError } from '@/lib/client/api-fetch';
import type { CatalogResponse } from '@/lib/client/types';
import { usePreviewSync } from '@/lib/client/use-preview-sync';
import { buildSampleEvent } from '@/lib/syncs/sample-event';
import { type SyncFormValues, updateSyncSchema } from '@/lib/syncs/schema';

const HINT = 'Built from the most recent user seen and your selections; edit it to try any other event.';

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function PreviewSection({ catalog, syncId }: { catalog: CatalogResponse; syncId?: string }) {
  const { control } = useFormContext<SyncFormValues>();
  const settings = useWatch({ control });
  // The sample follows the settings until the person edits it.
  const [edited, setEdited] = useState<string | null>(null);
  const [now] = useState(() => Date.now());
  const [problem, setProblem] = useState<string | null>(null);
  const preview = usePreviewSync();

  const generated = useMemo(
    () => JSON.stringify(buildSampleEvent({ settings, eventTypes: catalog.eventTypes.map((e) => e.name), recentUser: catalog.recentUser, now }), null, 2),
    [settings, catalog, now],
  );
  const sample = edited ?? generated;

  const run = () => {
    setProblem(null);
    preview.reset();
    const event = parseJsonObject(sample);
    if (!event) return setProblem('The sample event must be a JSON object, e.g. {"event_type": "Signed Up", "user_id": "user-1"}.');
    const parsed = updateSyncSchema.safeParse(settings);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return setProblem(`Complete the settings above first: ${first?.message ?? 'some fields are invalid'}.`);
    }
    preview.mutate({ settings: parsed.data, event, syncId });
  };

  const serverProblem = preview.error instanceof ApiError ? (Object.values(preview.error.issues)[0]?.[0] ?? preview.error.message) : preview.error?.message;

  return (
    <SectionCard id="preview" step={5} title="Preview" description="The exact request this sync would send to Braze for one event.">
      {!settings.enabled && (
        <Alert tone="info">
          Status is Disabled: nothing is sent until you set Status to Enabled and Save. The preview shows what would be sent.
        </Alert>
      )}
      <Field id="sample-event" label="Sample event (Amplitude format)" hint={HINT} error={problem ?? serverProblem ?? undefined}>
        <textarea
          {...describedBy('sample-event', { hint: HINT, error: problem ?? serverProblem ?? undefined })}
          value={sample}
          onChange={(e) => setEdited(e.target.value)}
          rows={Math.min(18, sample.split('\n').length + 1)}
          spellCheck={false}
          className={`${inputClass} font-mono text-xs leading-relaxed`}
        />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button onClick={run} loading={preview.isPending}>
          Preview request
        </Button>
        {edited !== null && (
          <Button variant="ghost" onClick={() => setEdited(null)}>
            Reset sample
          </Button>
        )}
      </div>
      {preview.data && <PreviewResultView result={preview.data} />}
    </SectionCard>
  );
}
