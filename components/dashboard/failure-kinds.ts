/** The dead-letter kinds and replay states in the dashboard's words. */
const KINDS: Record<string, string> = {
  rejected: 'Refused by Braze',
  minor_error: 'Content refused by Braze',
  expired: 'Expired after retries',
  paused: 'Held while the sync was paused',
  invalid: 'Could not be turned into a Braze object',
};

export const describeKind = (kind: string): string => KINDS[kind] ?? kind;

/**
 * "Refused by Braze · HTTP 401". A content refusal comes inside an accepted request (HTTP 2xx),
 * so its status would contradict the heading: it is left out.
 */
export function describeCause(kind: string, status: number | null): string {
  if (kind === 'minor_error') return `${describeKind(kind)} (the rest of its request was accepted)`;
  return status === null ? describeKind(kind) : `${describeKind(kind)} · HTTP ${status}`;
}

const REPLAY_STATES: Record<string, { label: string; tone: 'gray' | 'green' | 'amber' | 'blue' }> = {
  queued: { label: 'Replaying', tone: 'blue' },
  delivered: { label: 'Delivered by replay', tone: 'green' },
  failed: { label: 'Failed again', tone: 'amber' },
  superseded: { label: 'Superseded by a newer value', tone: 'gray' },
};

export const describeReplayState = (state: string | null) => (state ? REPLAY_STATES[state] ?? null : null);
