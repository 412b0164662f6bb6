/** A dead letter as the dashboard shows it: the object that was (or would have been) sent and why it was not. */
export interface DeadLetterView {
  id: string;
  /** rejected | minor_error | expired | paused | invalid (see lib/dead-letters/record). */
  kind: string;
  status: number | null;
  error: string;
  eventType: string | null;
  userId: string | null;
  payload: unknown;
  createdAt: string;
  /** null (never replayed), queued, delivered, failed or superseded. */
  replayState: string | null;
  replayedAt: string | null;
  /** Attributes a replay left out because a newer value was already sent. */
  supersededFields: string[];
}

/** A stored row (times as dates); only the view's fields are copied, whatever else the row holds. */
type DeadLetterRow = Omit<DeadLetterView, 'createdAt' | 'replayedAt'> & { createdAt: Date; replayedAt: Date | null };

export function toDeadLetterView(row: DeadLetterRow): DeadLetterView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    error: row.error,
    eventType: row.eventType,
    userId: row.userId,
    payload: row.payload,
    createdAt: row.createdAt.toISOString(),
    replayState: row.replayState,
    replayedAt: row.replayedAt?.toISOString() ?? null,
    supersededFields: row.supersededFields,
  };
}
