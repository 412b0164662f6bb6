/**
 * Second step of an upload, after the envelope is parsed and the api_key is known good: the event
 * count limit, then every event. Split from `validateUploadRequest` so a caller whose key lookup
 * is asynchronous can check the key in between.
 */
import { checkRequestLimits } from '@/lib/amplitude/check-request-limits';
import { createEventIssues } from '@/lib/amplitude/event-issues';
import type { AmplitudeEvent } from '@/lib/amplitude/event-schema';
import { selectUploadLimits, type UploadEndpoint, type UploadLimits } from '@/lib/amplitude/limits';
import { normalizeEvent, type EventRules } from '@/lib/amplitude/normalize-event';
import { buildInvalidEventsBody } from '@/lib/amplitude/response-bodies';
import type { UploadEnvelope } from '@/lib/amplitude/upload-envelope';
import type { UploadValidation } from '@/lib/amplitude/upload-result';

export interface UploadEventsContext {
  endpoint: UploadEndpoint;
  /** Server upload time in ms since epoch; fills `time` on events that lack it. */
  now: number;
  limits?: Partial<UploadLimits>;
}

export function validateUploadEvents(envelope: Omit<UploadEnvelope, 'kind'>, ctx: UploadEventsContext): UploadValidation {
  const limits = selectUploadLimits(ctx.endpoint, ctx.limits);
  const tooLarge = checkRequestLimits({ eventCount: envelope.events.length }, limits);
  if (tooLarge) return tooLarge;

  const rules: EventRules = {
    minIdLength: envelope.minIdLength,
    now: ctx.now,
    maxDepth: limits.maxPropertyDepth,
    maxStringLength: limits.maxStringLength,
  };
  const issues = createEventIssues();
  const events: AmplitudeEvent[] = [];
  const indexes: number[] = [];
  const invalidIndexes: number[] = [];
  for (let index = 0; index < envelope.events.length; index++) {
    const event = normalizeEvent(envelope.events[index], index, rules, issues);
    if (event === undefined) {
      invalidIndexes.push(index);
    } else {
      events.push(event);
      indexes.push(index);
    }
  }

  if (invalidIndexes.length === 0) return { kind: 'accepted', apiKey: envelope.apiKey, events, indexes };
  return {
    kind: 'invalid-events',
    status: 400,
    body: buildInvalidEventsBody(issues),
    apiKey: envelope.apiKey,
    events,
    indexes,
    invalidIndexes,
  };
}
