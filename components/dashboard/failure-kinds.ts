/** The dead-letter kinds in the dashboard's words. */
const KINDS: Record<string, string> = {
  rejected: 'Refused by Braze',
  minor_error: 'Refused by Braze (one object of an accepted request)',
  expired: 'Expired after retries',
  paused: 'Held while the sync was paused',
  invalid: 'Could not be turned into a Braze object',
};

export const describeKind = (kind: string): string => KINDS[kind] ?? kind;

/** "Refused by Braze · HTTP 401" */
export function describeCause(kind: string, status: number | null): string {
  return status === null ? describeKind(kind) : `${describeKind(kind)} · HTTP ${status}`;
}

const REPLAY_STATES: Record<string, { label: string; tone: 'gray' | 'green' | 'amber' | 'blue' }> = {
  queued: { label: 'Replaying', tone: 'blue' },
  delivered: { label: 'Delivered by replay', tone: 'green' },
  failed: { label: 'Failed again', tone: 'amber' },
};

export const describeReplayState = (state: string | null) => (state ? REPLAY_STATES[state] ?? null : null);
