/**
 * Ingestion's answer to events of a deleted user within the grace period: Amplitude's own
 * "silenced" 400 (https://amplitude.com/docs/apis/analytics/http-v2, "silenced_events"), which
 * the official SDKs read by dropping exactly the listed events and resending the rest. Nothing
 * of such a request is kept, as with invalid events; `silenced_users` names the deleted users.
 */
import type { AcceptedUpload } from '@/lib/amplitude';
import type { RefusedUserLookup } from '@/lib/privacy/refused-users';

export interface SilencedBody {
  code: 400;
  error: string;
  silenced_events: number[];
  silenced_devices: string[];
  silenced_users: string[];
}

export interface Silenced {
  /** Positions in the upload's `events`. */
  positions: number[];
  userIds: string[];
}

export function findSilenced(projectId: string, upload: Pick<AcceptedUpload, 'events'>, refused: RefusedUserLookup): Silenced {
  const positions: number[] = [];
  const userIds: string[] = [];
  upload.events.forEach((e, i) => {
    if (!refused.isRefused(projectId, e.user_id)) return;
    positions.push(i);
    userIds.push(e.user_id!);
  });
  return { positions, userIds };
}

export function buildSilencedBody(upload: Pick<AcceptedUpload, 'indexes'>, silenced: Silenced): SilencedBody {
  return {
    code: 400,
    error: 'Events silenced: these users were deleted and their events are refused during the deletion grace period',
    // Indexes into the request's own events array, as the SDKs expect.
    silenced_events: silenced.positions.map((p) => upload.indexes[p]!),
    silenced_devices: [],
    silenced_users: [...new Set(silenced.userIds)],
  };
}

/** The upload without the silenced events (the legacy upload takes the rest; it cannot drop single events). */
export function withoutSilenced<T extends Pick<AcceptedUpload, 'events' | 'indexes'>>(upload: T, silenced: Silenced): T {
  const drop = new Set(silenced.positions);
  return { ...upload, events: upload.events.filter((_, i) => !drop.has(i)), indexes: upload.indexes.filter((_, i) => !drop.has(i)) };
}
