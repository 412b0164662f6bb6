import { describe, expect, it } from 'vitest';
import type { AmplitudeAnswer } from '@/lib/forward/client';
import { runForwardJob, type ForwardFailureRecord } from '@/lib/forward/forward-job';
import type { AmplitudeRequest } from '@/lib/forward/requests';
import { ThrottledIds } from '@/lib/forward/throttled-ids';
import type { ForwardJob } from '@/lib/queue/contracts';

const target = { baseUrl: 'https://api2.amplitude.com', apiKey: 'key' };
const event = (i: number, user = `user-${i}`) => ({ user_id: user, event_type: 'E', insert_id: `i-${i}` });
const job = (events: Record<string, unknown>[], api: ForwardJob['api'] = 'httpapi'): ForwardJob => ({ projectId: 'p', receivedAt: 1_000, api, events });

/** Amplitude answering from a script, one answer per request, recording what it was sent. */
function amplitudeAnswering(...answers: ((events: Record<string, unknown>[]) => AmplitudeAnswer)[]) {
  const sent: Record<string, unknown>[][] = [];
  const send = async (_base: string, request: AmplitudeRequest) => {
    const events = (JSON.parse(request.body) as { events: Record<string, unknown>[] }).events;
    sent.push(events);
    return (answers.shift() ?? (() => ({ status: 200, text: '{"code":200}' })))(events);
  };
  return { sent, send };
}

function run(events: Record<string, unknown>[], amplitude: ReturnType<typeof amplitudeAnswering>, opts: { now?: number; throttles?: ThrottledIds; api?: ForwardJob['api'] } = {}) {
  const failures: ForwardFailureRecord[] = [];
  const counts = { forwarded: 0, retried: 0, throttled: 0 };
  const recorder = {
    forwarded: (_p: string, _at: number, n: number) => void (counts.forwarded += n),
    retried: (_p: string, n: number) => void (counts.retried += n),
    throttled: (_p: string, n: number) => void (counts.throttled += n),
    failed: async (_p: string, _job: string, f: ForwardFailureRecord[]) => void failures.push(...f),
  };
  const result = runForwardJob(job(events, opts.api), target, { id: 'job-1', at: 0 }, { send: amplitude.send, throttles: opts.throttles ?? new ThrottledIds(), recorder, maxAgeMs: 3_600_000, now: () => opts.now ?? 10_000 });
  return result.then((r) => ({ result: r, failures, counts }));
}

describe('runForwardJob', () => {
  it('forwards the events in one request and is done', async () => {
    const amplitude = amplitudeAnswering();
    const { result, counts } = await run([event(1), event(2)], amplitude);
    expect(result).toEqual({ kind: 'done' });
    expect(amplitude.sent).toEqual([[event(1), event(2)]]);
    expect(counts.forwarded).toBe(2);
  });

  it('records the events a 400 names and sends the rest at once', async () => {
    const answer = '{"code":400,"error":"Invalid field values on some events","events_with_invalid_fields":{"time":[1]}}';
    const amplitude = amplitudeAnswering(() => ({ status: 400, text: answer }));
    const { result, failures, counts } = await run([event(1), event(2), event(3)], amplitude);
    expect(result).toEqual({ kind: 'done' });
    expect(failures).toEqual([{ status: 400, answer, event: event(2) }]);
    expect(amplitude.sent[1]).toEqual([event(1), event(3)]);
    expect(counts.forwarded).toBe(2);
  });

  it('keeps the events for a retry with backoff on 5xx and timeouts', async () => {
    const amplitude = amplitudeAnswering(() => ({ status: 502, text: 'Bad Gateway' }));
    const { result, failures, counts } = await run([event(1)], amplitude);
    expect(result).toEqual({ kind: 'retry', events: [event(1)], delayMs: null });
    expect(failures).toEqual([]);
    expect(counts.retried).toBe(1);
  });

  it('pauses the throttled users, resends the others at once, and holds later events of those users', async () => {
    const throttles = new ThrottledIds();
    const amplitude = amplitudeAnswering(() => ({ status: 429, text: '{"code":429,"throttled_users":{"user-2":31},"throttled_events":[1]}' }));
    const first = await run([event(1), event(2)], amplitude, { throttles });
    expect(first.result).toEqual({ kind: 'retry', events: [event(2)], delayMs: 30_000 });
    expect(amplitude.sent).toEqual([[event(1), event(2)], [event(1)]]);
    const later = await run([event(3, 'user-2'), event(4)], amplitude, { throttles, now: 20_000 });
    expect(later.result).toEqual({ kind: 'retry', events: [event(3, 'user-2')], delayMs: 20_000 });
    expect(amplitude.sent.at(-1)).toEqual([event(4)]);
  });

  it('splits a request Amplitude finds too large, and gives up on a single event', async () => {
    const amplitude = amplitudeAnswering(
      () => ({ status: 413, text: '{"code":413}' }),
      () => ({ status: 413, text: '{"code":413}' }),
    );
    const { result, failures, counts } = await run([event(1), event(2), event(3)], amplitude);
    expect(result).toEqual({ kind: 'done' });
    expect(amplitude.sent.map((s) => s.length)).toEqual([3, 1, 2]);
    expect(failures.map((f) => f.event)).toEqual([event(1)]);
    expect(counts.forwarded).toBe(2);
  });

  it('records what is still not accepted once the retry period is over', async () => {
    const amplitude = amplitudeAnswering(() => ({ status: 503, text: 'unavailable' }));
    const { result, failures } = await run([event(1)], amplitude, { now: 3_600_001 });
    expect(result).toEqual({ kind: 'done' });
    expect(failures).toEqual([{ status: 503, answer: 'Not accepted within the retry period; last answer: unavailable', event: event(1) }]);
  });
});
