/**
 * Preview: the exact `/users/track` request the sync would send for one event, built by the
 * worker's own code (the user model, `buildItemsForSync`, `buildTrackBatch`) from the form's
 * current settings, so what is shown is what would be sent: the event sees its user's stored
 * properties (read, never written) with its own operations applied. The key appears masked.
 */
import { amplitudeEventSchema } from '@/lib/amplitude';
import { buildTrackBatch, type TrackRequestBody } from '@/lib/braze';
import { maskSecret } from '@/lib/crypto/secret-box';
import { buildItemsForSync } from '@/lib/pipeline/fan-out/build-items';
import { invalidInput } from '@/lib/http/app-error';
import { checkBrazeEndpoint, getSync } from '@/lib/syncs/repository';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import type { PreviewInput, UpdateSyncInput } from '@/lib/syncs/schema';
import { readUserModel } from '@/lib/users/profile-store';
import { findDateLikeValues, guardPreviewItems, type DateLikeValue } from '@/lib/syncs/preview-guard';

export interface PreviewResult {
  /** null when this event makes the sync send nothing. */
  request: { method: 'POST'; url: string; headers: Record<string, string>; body: TrackRequestBody } | null;
  /** Why the event, or its user update, is not part of the request. */
  notes: string[];
  /** String values Braze will store as a time rather than as text. */
  dateLike: DateLikeValue[];
}

function toRuntimeSync(projectId: string, settings: UpdateSyncInput, baseUrl: string): RuntimeSync {
  return {
    id: 'preview',
    projectId,
    name: settings.name,
    enabled: true,
    dryRun: false,
    pausedReason: null,
    savedAt: 0,
    configurationProblem: null,
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
    subscriptions: settings.subscriptions,
    revenue: settings.revenue,
    sendAnonymousUsers: settings.sendAnonymousUsers,
    anonymousAliasLabel: settings.anonymousAliasLabel,
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

function explainEventNotSent(settings: UpdateSyncInput, built: ReturnType<typeof buildItemsForSync>): string {
  const invalid = built.invalid.find((i) => !i.attribute);
  if (invalid) return `Braze could never accept this event: ${invalid.reason}`;
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
  const sync = toRuntimeSync(projectId, input.settings, baseUrl);
  const built = buildItemsForSync(sync, [event], Date.now(), await readUserModel(projectId, [event]));
  const notes: string[] = built.invalid.flatMap((i) => (i.attribute ? [i.reason] : []));
  const guarded = await guardPreviewItems(projectId, input, sync, built.items);
  notes.push(...guarded.heldBack.map((h) => `Held back from Braze: ${h.reason}`));
  built.items = guarded.items;
  if (!built.items.some((item) => item.kind !== 'attributes')) notes.push(explainEventNotSent(input.settings, built));
  if (input.settings.sendUsers && !built.items.some((item) => item.kind === 'attributes')) {
    notes.push('No user update: this event sets none of the user properties selected under Send Users.');
  }
  if (built.items.length === 0) return { request: null, notes, dateLike: [] };
  const batch = buildTrackBatch(built.items.map((item) => ({ array: item.kind, object: item.object })));
  return {
    notes,
    dateLike: findDateLikeValues(built.items),
    request: {
      method: 'POST',
      url: `${baseUrl}/users/track`,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await maskedKey(projectId, input)}` },
      body: batch.body,
    },
  };
}
