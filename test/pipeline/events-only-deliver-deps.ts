/**
 * Delivery dependencies a unit test of jobs that carry events alone never reaches: no attribute
 * update (no attribute cache read or written), no identify (no alias merge), a sync that sends
 * no users (no user lease). Each one fails the test loudly if a job does reach it, so a test
 * cannot pass by silently skipping a guarantee the worker's assembled pipeline provides.
 */
import type { DeliverDeps } from '@/lib/pipeline/deliver/deliver-job';

function unreachable(what: string): never {
  throw new Error(`a job of events only reached ${what}`);
}

export const eventsOnlyDeliverDeps: Pick<DeliverDeps, 'loadSent' | 'rememberSent' | 'identifyAliases' | 'leases' | 'leaseWaitMs' | 'now'> = {
  loadSent: async () => unreachable('the attribute cache'),
  rememberSent: async () => unreachable('the attribute cache'),
  identifyAliases: async () => unreachable('the anonymous alias merge'),
  leases: {
    tryAcquire: async () => unreachable('the user leases'),
    extend: async () => unreachable('the user leases'),
    release: async () => unreachable('the user leases'),
    clearPending: async () => unreachable('the user leases'),
    leaseMs: 30_000,
  },
  leaseWaitMs: 10_000,
  now: Date.now,
};
