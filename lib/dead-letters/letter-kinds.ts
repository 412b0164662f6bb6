/**
 * What a dead letter is, in the words the failures view and the replay use (pure: the browser
 * imports it too). Two questions decide what a person can do about a letter: can it be replayed
 * (its object was fine, the moment was not: a refused key, an outage, a pause), or must the
 * source change (Braze refuses that value whenever it is sent)?
 */

/** Letters whose payload is a Braze object that may be accepted when sent again. */
export const REPLAYABLE_KINDS = ['rejected', 'expired', 'paused'] as const;

/**
 * Content errors: Braze refused the object itself within an accepted request (`minor_error`), or
 * the source event could not become a Braze object (`invalid`). Sending the same object again
 * would fail again, so these are fixed in the source instead of replayed.
 */
export const CONTENT_ERROR_KINDS = ['minor_error', 'invalid'] as const;

export const isReplayableKind = (kind: string): boolean => (REPLAYABLE_KINDS as readonly string[]).includes(kind);
export const isContentError = (kind: string): boolean => (CONTENT_ERROR_KINDS as readonly string[]).includes(kind);

/** Replay states in which a letter may be queued again: never replayed, or failed again. */
export const REQUEUABLE_STATES = [null, 'failed'] as const;

/** Replay states that resolve a failure: Braze accepted it, or holds newer values of all it carried. */
export const RESOLVED_STATES = ['delivered', 'superseded'] as const;

/**
 * Whether a stored Braze object is an event (`events[]`) rather than a user update
 * (`attributes[]`): events have a name and a time. The failures query mirrors this in SQL.
 */
export function isEventObject(object: Record<string, unknown>): boolean {
  return typeof object.name === 'string' && object.time !== undefined;
}

/** Whether a stored Braze object is a purchase (`purchases[]`): it names a product and a price. */
export function isPurchaseObject(object: Record<string, unknown>): boolean {
  return typeof object.product_id === 'string' && object.price !== undefined && object.time !== undefined;
}

/**
 * What to change in the source for a content error: the field Braze names in quotes when it
 * names one (`The value provided for the 'email' field is not a valid email.`).
 */
export function sourceFixOf(error: string): string {
  const field = /'([^']{1,100})'/.exec(error)?.[1];
  const what = field ? `the value of '${field}'` : 'the value Braze names';
  return `Braze refuses this content every time it is sent, so a replay would fail again. Fix ${what} where the events are sent from (the Amplitude event or user property); events sent after the fix are delivered.`;
}
