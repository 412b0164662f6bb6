import { buildKeyRegistry } from '@/test/fakes/braze/http/authenticate';
import { enqueueFaults } from '@/test/fakes/braze/http/faults';
import { describeProfile } from '@/test/fakes/braze/profiles/describe-profile';
import { listProfiles } from '@/test/fakes/braze/profiles/profile-store';
import { readLog } from '@/test/fakes/braze/record/bounded-log';
import type { FakeState } from '@/test/fakes/braze/state';
import type {
  AcceptedObject,
  Fault,
  FakeBrazeStats,
  FakeDeclaredAttribute,
  FakeKeyConfig,
  InputArray,
  ObjectLimitMode,
  ProfileSnapshot,
  RateLimit,
  RecordedRequest,
} from '@/test/fakes/braze/types';

// The operations the programmatic API and the /_fake/ admin routes share, so both drive the
// fake identically.

export function readRequests(state: FakeState, newest?: number): RecordedRequest[] {
  return readLog(state.recorder.requests, newest);
}

export function readAccepted(state: FakeState, inputArray: InputArray, newest?: number): AcceptedObject[] {
  return readLog(state.recorder.accepted[inputArray], newest);
}

export function readStats(state: FakeState): FakeBrazeStats {
  const { stats } = state.recorder;
  return { ...stats, byStatus: { ...stats.byStatus } };
}

export function readProfiles(state: FakeState): ProfileSnapshot[] {
  return listProfiles(state.store).map(describeProfile);
}

export function readPendingFaults(state: FakeState): Fault[] {
  return state.faults.map(({ fault, remaining }) => ({ ...fault, count: remaining }));
}

/** Ends every injected fault at once (an outage is over), keeping what was recorded. */
export function clearFaults(state: FakeState): void {
  state.faults.length = 0;
}

export function addFaults(state: FakeState, faults: Fault[]): void {
  enqueueFaults(state.faults, faults);
}

export function replaceKeys(state: FakeState, keys: FakeKeyConfig[]): void {
  state.keys = buildKeyRegistry(keys);
}

/** A new limit starts fresh windows, so the next request sees the new numbers at once. */
export function replaceRateLimit(state: FakeState, rateLimit: RateLimit): void {
  state.rateLimit = { ...rateLimit };
  state.limiter.clear();
}

export function replaceObjectLimitMode(state: FakeState, mode: ObjectLimitMode): void {
  state.objectLimitMode = mode;
}

export function replaceDeclaredAttributes(state: FakeState, attributes: FakeDeclaredAttribute[]): void {
  state.declaredAttributes = new Map(attributes.map((a) => [a.name, a]));
}
