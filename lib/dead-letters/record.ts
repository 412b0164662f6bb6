/**
 * The dead-letter store: events Braze permanently refused, events that expired after retrying,
 * and events that could not be turned into Braze objects — each with the reason, for the
 * dashboard and for replay.
 */
import { prisma } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';

export type DeadLetterKind = 'rejected' | 'minor_error' | 'expired' | 'invalid' | 'paused';

export interface DeadLetterEntry {
  /** The Braze object that was (or would have been) sent, or the source event. */
  event: unknown;
  reason: string;
  eventType?: string;
  userId?: string;
  /** For user updates: the attribute-cache record, so a replay sends it as the first send would have. */
  remember?: { userKey: string; set: Record<string, string>; unset: string[] };
}

/** The longest reason a dead letter keeps. */
export const MAX_REASON = 2_000;

export async function recordDeadLetters(
  syncId: string,
  kind: DeadLetterKind,
  status: number | null,
  entries: DeadLetterEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await prisma().deadLetter.createMany({
    data: entries.map((e) => ({
      syncId,
      kind,
      status,
      error: e.reason.slice(0, MAX_REASON),
      eventType: e.eventType ?? eventTypeOf(e.event),
      userId: e.userId ?? userIdOf(e.event),
      payload: e.event as Prisma.InputJsonValue,
      ...(e.remember ? { remember: e.remember } : {}),
    })),
  });
}

function field(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}

const eventTypeOf = (e: unknown) => field(e, 'event_type') ?? field(e, 'name');
const userIdOf = (e: unknown) => field(e, 'user_id') ?? field(e, 'external_id');
