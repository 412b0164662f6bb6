import { describe, expect, it } from 'vitest';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import { deliverJob, type DeliverDeps } from '@/lib/pipeline/deliver/deliver-job';
import type { TrackOutcome } from '@/lib/braze';
import { DeliveryBatcher } from '@/lib/pipeline/deliver/delivery-batcher';
import { acceptedAnswer, refusedAnswer, timedOutAnswer, unavailableAnswer } from '@/test/braze-answers';
import type { Claim, DeliveryMarkers } from '@/lib/pipeline/state/delivery-markers';
import { SyncOnHoldError } from '@/lib/pipeline/deliver/held-jobs';
import { RetryableDeliveryError } from '@/lib/pipeline/deliver/retry';
import type { DeliverItem } from '@/lib/queue/contracts';
import { runtimeSync } from '@/test/runtime-sync';
import { eventsOnlyDeliverDeps } from '@/test/pipeline/events-only-deliver-deps';
import { createAttributeGuard } from '@/lib/pipeline/guard/guard-items';
import { WorkspaceSchemas } from '@/lib/pipeline/guard/workspace-schema';
import { stricterObjectLimitMode } from '@/lib/syncs/guard-status';

const stricterOf = async (sync: { objectLimitMode: Parameters<typeof stricterObjectLimitMode>[0] }) => stricterObjectLimitMode(sync.objectLimitMode);
// These jobs carry events only: the guard passes them through without reading any workspace.
const eventsOnlyGuard = createAttributeGuard(new WorkspaceSchemas({ fetch, timeoutMs: 1_000, allowedEndpoints: [] }), { rememberFirstTypes: false });

const ITEMS: DeliverItem[] = Array.from({ length: 3 }, (_, i) => ({ kind: 'events', object: { external_id: `u-${i}`, name: 'E' }, receivedAt: 0 }));
const TIMEOUT = timedOutAnswer();
const UNAVAILABLE = unavailableAnswer(503);
const ACCEPTED = acceptedAnswer();

/** One attempt of a delivery job whose earlier attempts left `claim`, Braze answering `answer`. */
async function attempt(claim: Claim, answer: TrackOutcome) {
  const steps: string[] = [];
  const counted: number[] = [];
  const metrics = {
    add: (_sync: string, c: { possibleDuplicates?: number }) => c.possibleDuplicates && counted.push(c.possibleDuplicates),
    addLatencies: () => undefined,
    flush: async () => void steps.push('flush'),
  } as unknown as MetricsRecorder;
  const markers = {
    claim: async () => claim,
    markAccepted: async () => void steps.push('accepted'),
    clear: async (_job: string, token: string) => void steps.push(`clear ${token}`),
  } as unknown as DeliveryMarkers;
  let sends = 0;
  const batcher = new DeliveryBatcher({ lingerMs: 0, send: async () => (sends++, answer), onTooManyObjects: stricterOf });
  const run = deliverJob(
    { jobId: 'job-1', lockToken: 'token-1', data: { syncId: 'sync-1', items: ITEMS }, attemptsMade: 1, createdAt: Date.now() },
    { ...eventsOnlyDeliverDeps, batcher, metrics, markers, loadSync: async () => runtimeSync(), pauseSync: async () => undefined, maxAgeMs: 3_600_000, guard: eventsOnlyGuard },
  );
  const error = await run.then(() => null, (err: Error) => err);
  return { sends, counted, steps, error };
}

describe('deliverJob: delivery markers and possible duplicates', () => {
  it.each([
    ['a re-send Braze accepted', 'pending', ACCEPTED, [3]],
    ['a re-send that timed out (Braze may have processed it)', 'pending', TIMEOUT, [3]],
    ['a re-send Braze refused with 503 (not processed)', 'pending', UNAVAILABLE, []],
    ['a first attempt that timed out', null, TIMEOUT, []],
    ['a first attempt Braze accepted', null, ACCEPTED, []],
  ] as const)('counts possible duplicates for %s: %j', async (_what, claim, answer, counted) => {
    const result = await attempt(claim, answer);
    expect(result.sends).toBe(1);
    expect(result.counted).toEqual(counted);
  });

  it('writes every count before the job is marked accepted, so a crash in between cannot lose one', async () => {
    const { steps } = await attempt('pending', ACCEPTED);
    expect(steps).toEqual(['flush', 'flush', 'accepted']);
  });

  it('clears only its own marker, and only when Braze certainly did not process the request', async () => {
    expect((await attempt(null, UNAVAILABLE)).steps).toEqual(['clear token-1']);
    expect((await attempt(null, TIMEOUT)).steps).toEqual([]);
    // An earlier attempt may have reached Braze: its pending stays, so the next re-send is counted.
    expect((await attempt('pending', UNAVAILABLE)).steps).toEqual([]);
    expect((await attempt(null, TIMEOUT)).error).toBeInstanceOf(RetryableDeliveryError);
  });

  it('sends nothing once Braze accepted the job, nor from an attempt that lost the job to another', async () => {
    const done = await attempt('accepted', ACCEPTED);
    expect([done.sends, done.error]).toEqual([0, null]);
    const lost = await attempt('lost', ACCEPTED);
    expect(lost.sends).toBe(0);
    expect(lost.error?.message).toMatch(/another attempt/);
  });
});

describe('deliverJob: a sync that cannot send holds the job', () => {
  // A first attempt, whose marker is fresh: what a job holds in Redis does not matter here.
  const noMarkers = { claim: async () => null, markAccepted: async () => undefined, clear: async () => undefined } satisfies DeliverDeps['markers'];
  const REFUSED = refusedAnswer(401, 'Unauthorized');

  async function hold(sync: ReturnType<typeof runtimeSync>, answer: TrackOutcome = ACCEPTED) {
    const pauses: unknown[][] = [];
    const metrics = { add: () => undefined, addLatencies: () => undefined, flush: async () => undefined } as unknown as MetricsRecorder;
    let sends = 0;
    const batcher = new DeliveryBatcher({ lingerMs: 0, send: async () => (sends++, answer), onTooManyObjects: stricterOf });
    const error = await deliverJob(
      { jobId: 'job-1', data: { syncId: sync.id, items: ITEMS }, attemptsMade: 0, createdAt: Date.now() },
      { ...eventsOnlyDeliverDeps, batcher, metrics, markers: noMarkers, loadSync: async () => sync, pauseSync: async (...args) => void pauses.push(args), maxAgeMs: 3_600_000, guard: eventsOnlyGuard },
    ).then(() => null, (err: Error) => err);
    return { error, pauses, sends };
  }

  it.each([
    ['paused already', runtimeSync({ pausedReason: 'Braze answered 401', savedAt: 5 }), 0, []],
    ['not allowed by this installation', runtimeSync({ configurationProblem: 'endpoint not allowed', savedAt: 5 }), 0, [['sync-1', 'endpoint not allowed', 'CONFIGURATION', 5]]],
    ['refused by Braze with 401', runtimeSync({ savedAt: 5 }), 1, [['sync-1', REFUSED.reason, 'BRAZE', 5]]],
  ] as const)('when %s: the job waits (SyncOnHoldError), nothing is failed', async (_what, sync, sends, pauses) => {
    const result = await hold(sync, REFUSED);
    expect(result.error).toBeInstanceOf(SyncOnHoldError);
    expect(result.sends).toBe(sends);
    expect(result.pauses).toEqual(pauses);
  });
});
