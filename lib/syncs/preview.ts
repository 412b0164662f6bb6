/**
 * Preview: the exact `/users/track` request the sync would send for one event, built by the
 * worker's own code (`buildItemsForSync`, `buildTrackBatch`) from the form's current settings,
 * so what is shown is what would be sent. The key appears masked.
 */
import { amplitudeEventSchema } from '@/lib/amplitude';
import { buildTrackBatch, type TrackRequestBody } from '@/lib/braze';
import { maskSecret } from '@/lib/crypto/secret-box';
import { buildItemsForSync } from '@/lib/pipeline/build-items';
import { invalidInput } from '@/lib/syncs/errors';
import { checkBrazeEndpoint, getSync } from '@/lib/syncs/repository';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import type { PreviewInput, UpdateSyncInput } from '@/lib/syncs/schema';

export type PreviewResult =
  | {
      outcome: 'sent';
      request: { method: 'POST'; url: string; headers: Record<string, string>; body: TrackRequestBody };
    }
  | { outcome: 'not_sent'; reason: string };

function toRuntimeSync(projectId: string, settings: UpdateSyncInput, baseUrl: string): RuntimeSync {
  return {
    id: 'preview',
    projectId,
    name: settings.name,
    enabled: true,
    pausedReason: null,
    brazeEndpoint: baseUrl,
    restApiKey: '',
    appId: settings.appId,
    updateUsersOnly: settings.updateUsersOnly,
    identifier: { property: settings.identifierProperty, type: settings.identifierType, aliasLabel: settings.aliasLabel },
    sendEvents: settings.sendEvents,
    eventSelection: settings.eventSelection,
    eventProperties: settings.eventProperties,
    sendUsers: settings.sendUsers,
    userProperties: settings.userProperties,
    objectLimitMode: settings.objectLimitMode,
  };
}

function parseEvent(raw: Record<string, unknown>) {
  // Ingestion stamps events that carry no time with the upload time; so does the preview.
  const parsed = amplitudeEventSchema.safeParse({ time: Date.now(), ...raw });
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first?.path.length ? ` (${first.path.join('.')})` : '';
  throw invalidInput(`The sample event is not a valid Amplitude event${where}: ${first?.message ?? 'invalid'}`, 'event');
}

async function maskedKey(projectId: string, input: PreviewInput): Promise<string> {
  if (input.settings.restApiKey) return maskSecret(input.settings.restApiKey.slice(-4));
  if (input.syncId) return maskSecret((await getSync(projectId, input.syncId)).restApiKeyLast4);
  return '<REST API Key>';
}

function explainNotSent(settings: UpdateSyncInput, built: ReturnType<typeof buildItemsForSync>): string {
  if (built.invalid[0]) return `Braze could never accept this event: ${built.invalid[0].reason}`;
  if (!settings.sendEvents) return 'Send Events is off, so no events are sent to Braze.';
  if (built.filtered > 0) return 'This event does not match "Select and filter events", so it is not sent.';
  if (built.skipped > 0) {
    return `This event has no value for "${settings.identifierProperty}", the property mapped to the Braze user ID, so it cannot be sent: Braze requires a user ID on every event.`;
  }
  return 'Identify calls are not events: they reach Braze as user updates (Send Users).';
}

export async function previewSyncRequest(projectId: string, input: PreviewInput): Promise<PreviewResult> {
  const baseUrl = checkBrazeEndpoint(input.settings.brazeEndpoint);
  const event = parseEvent(input.event);
  const built = buildItemsForSync(toRuntimeSync(projectId, input.settings, baseUrl), [event], Date.now());
  if (built.items.length === 0) return { outcome: 'not_sent', reason: explainNotSent(input.settings, built) };
  const batch = buildTrackBatch(built.items.map((item) => ({ array: item.kind, object: item.object })));
  return {
    outcome: 'sent',
    request: {
      method: 'POST',
      url: `${baseUrl}/users/track`,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await maskedKey(projectId, input)}` },
      body: batch.body,
    },
  };
}
