/**
 * Forwards one queued request's events to Amplitude, by Amplitude's rules (lib/forward/outcome):
 * accepted events are counted with their latency from ingestion; events Amplitude refuses for
 * good are recorded with its answer and the rest sent at once; a 413 is split in halves; the
 * events of throttled users and devices wait out their pause while the others go on; 5xx,
 * timeouts and network errors leave the events for a later attempt, until the retry period ends.
 * What is left is returned, so a retry re-sends only that.
 */
import type { SendToAmplitude } from '@/lib/forward/client';
import { classifyAnswer } from '@/lib/forward/outcome';
import { buildRequest, MAX_EVENTS_PER_REQUEST, THROTTLE_PAUSE_MS, type ForwardEvent } from '@/lib/forward/requests';
import type { ForwardTarget } from '@/lib/forward/settings';
import type { ThrottledIds } from '@/lib/forward/throttled-ids';
import type { ForwardJob } from '@/lib/queue/contracts';

export interface ForwardFailureRecord {
  /** Amplitude's status, or 0 when no answer came in the retry period. */
  status: number;
  answer: string;
  event: ForwardEvent;
}

/** Where forwarding's outcomes are counted and its failures kept (lib/forward/forward-metrics). */
export interface ForwardRecorder {
  forwarded: (projectId: string, receivedAt: number, count: number) => void;
  retried: (projectId: string, count: number) => void;
  throttled: (projectId: string, count: number) => void;
  /** Records the failures of job `jobId`; a job run again after a crash records none twice. */
  failed: (projectId: string, jobId: string, failures: ForwardFailureRecord[]) => Promise<void>;
}

export interface ForwardRunDeps {
  send: SendToAmplitude;
  throttles: ThrottledIds;
  recorder: ForwardRecorder;
  /** How long after it was queued a request may still be retried. */
  maxAgeMs: number;
  now?: () => number;
}

/** `delayMs` null: back off exponentially (5xx, timeouts); else wait that long (a throttle's pause). */
export type ForwardResult = { kind: 'done' } | { kind: 'retry'; events: ForwardEvent[]; delayMs: number | null };

function split<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** `queued`: the BullMQ job's id and creation time (the retry period counts from it). */
export async function runForwardJob(job: ForwardJob, target: ForwardTarget, queued: { id: string; at: number }, deps: ForwardRunDeps): Promise<ForwardResult> {
  const now = deps.now ?? Date.now;
  const { projectId, api } = job;
  const queue = split(job.events, MAX_EVENTS_PER_REQUEST[api]);
  const later: ForwardEvent[] = [];
  const failures: ForwardFailureRecord[] = [];
  let pauseEnd = 0;
  let failing: { status: number; answer: string } | undefined;

  while (queue.length > 0) {
    const chunk = queue.shift()!;
    const at = now();
    const held = chunk.filter((e) => deps.throttles.pausedUntil(projectId, e, at) > 0);
    for (const e of held) pauseEnd = Math.max(pauseEnd, deps.throttles.pausedUntil(projectId, e, at));
    later.push(...held);
    const events = held.length ? chunk.filter((e) => !held.includes(e)) : chunk;
    if (events.length === 0) continue;
    const answer = await deps.send(target.baseUrl, buildRequest(api, target.apiKey, events, job.clientIp));
    const outcome = classifyAnswer(answer.status, answer.text);
    switch (outcome.kind) {
      case 'accepted':
        deps.recorder.forwarded(projectId, job.receivedAt, events.length);
        break;
      case 'invalid-events': {
        const bad = new Set(outcome.indexes);
        events.forEach((event, i) => bad.has(i) && failures.push({ status: outcome.status, answer: outcome.answer, event }));
        const rest = events.filter((_, i) => !bad.has(i));
        if (rest.length) queue.push(rest);
        break;
      }
      case 'refused':
        failures.push(...events.map((event) => ({ status: outcome.status, answer: outcome.answer, event })));
        break;
      case 'too-large':
        if (events.length === 1) failures.push({ status: outcome.status, answer: outcome.answer, event: events[0]! });
        else queue.push(events.slice(0, events.length >> 1), events.slice(events.length >> 1));
        break;
      case 'throttled': {
        const named = outcome.indexes ? new Set(outcome.indexes) : null;
        const waiting = named ? events.filter((_, i) => named.has(i)) : events;
        const rest = named ? events.filter((_, i) => !named.has(i)) : [];
        const end = at + THROTTLE_PAUSE_MS[api];
        deps.throttles.pause(projectId, { users: outcome.users, devices: outcome.devices }, end);
        deps.recorder.throttled(projectId, waiting.length);
        pauseEnd = Math.max(pauseEnd, end);
        later.push(...waiting);
        if (rest.length) queue.push(rest);
        break;
      }
      case 'retry':
        deps.recorder.retried(projectId, events.length);
        failing = { status: outcome.status, answer: outcome.answer };
        later.push(...events);
        break;
    }
  }

  if (later.length > 0 && now() - queued.at > deps.maxAgeMs) {
    const why = failing ?? { status: 429, answer: 'Amplitude kept these users or devices throttled' };
    failures.push(...later.map((event) => ({ status: why.status, answer: `Not accepted within the retry period; last answer: ${why.answer}`, event })));
    later.length = 0;
  }
  if (failures.length) await deps.recorder.failed(projectId, queued.id, failures);
  if (later.length === 0) return { kind: 'done' };
  return { kind: 'retry', events: later, delayMs: failing ? null : Math.max(1_000, pauseEnd - now()) };
}
