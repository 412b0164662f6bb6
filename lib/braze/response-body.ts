import { isPlainObject } from '@/lib/braze/json';
import { brazeMinorErrorSchema } from '@/lib/braze/schemas';
import type { MinorError } from '@/lib/braze/outcome';
import type { TrackResponse } from '@/lib/braze/types';

export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Braze's `message` field (§3.1, §3.3), when the body is JSON and has one. */
export function readBrazeMessage(json: unknown): string | undefined {
  return isPlainObject(json) && typeof json.message === 'string' ? json.message : undefined;
}

export type ReadErrors = { minorErrors: MinorError[]; otherErrors: string[] };

/**
 * Braze's `errors` array. Entries of the known `{type, input_array, index}` shape (§3.2) can be
 * tied to an object; anything else is kept as text, so no error Braze reports is lost.
 */
export function readBrazeErrors(json: unknown): ReadErrors {
  const raw = isPlainObject(json) && Array.isArray(json.errors) ? json.errors : [];
  const result: ReadErrors = { minorErrors: [], otherErrors: [] };
  for (const entry of raw) {
    const parsed = brazeMinorErrorSchema.safeParse(entry);
    if (parsed.success) result.minorErrors.push({ array: parsed.data.input_array, index: parsed.data.index, reason: parsed.data.type });
    else result.otherErrors.push(typeof entry === 'string' ? entry : JSON.stringify(entry));
  }
  return result;
}

/** The documented success body (§3.1), keeping only well-formed counts (its errors are read by `readBrazeErrors`). */
export function readTrackResponse(json: unknown, message: string): TrackResponse {
  const response: TrackResponse = { message };
  if (!isPlainObject(json)) return response;
  for (const key of ['attributes_processed', 'events_processed', 'purchases_processed'] as const) {
    const count = json[key];
    if (typeof count === 'number' && Number.isInteger(count)) response[key] = count;
  }
  return response;
}

const SNIPPET_LENGTH = 160;

/** A short, single-line view of a non-JSON body (an HTML 502 page), for error reasons. */
export function snippetOf(text: string): string {
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain === '') return '(empty body)';
  return plain.length > SNIPPET_LENGTH ? `${plain.slice(0, SNIPPET_LENGTH)}…` : plain;
}
