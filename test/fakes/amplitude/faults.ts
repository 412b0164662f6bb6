/** Applies an injected fault (types.ts `Fault`) to a request that would otherwise be taken. */
import { serverError, payloadTooLarge, tooManyRequests, type Reply } from '@/test/fakes/amplitude/answers';
import type { Fault, JsonObject } from '@/test/fakes/amplitude/types';

/** What a throttled id's current rate is reported as: just over Amplitude's 30 EPS. */
const REPORTED_EPS = 31;

export type FaultOutcome = Reply | { cut: true };

function throttle(fault: Extract<Fault, { kind: 'throttle' }>, events: JsonObject[], take: () => Reply): Reply {
  const everyone = !fault.users && !fault.devices;
  const users: Record<string, number> = {};
  const devices: Record<string, number> = {};
  const indexes: number[] = [];
  events.forEach((event, i) => {
    const user = typeof event.user_id === 'string' && (everyone || fault.users?.includes(event.user_id)) ? event.user_id : undefined;
    const device = typeof event.device_id === 'string' && (everyone || fault.devices?.includes(event.device_id)) ? event.device_id : undefined;
    if (user) users[user] = REPORTED_EPS;
    if (device) devices[device] = REPORTED_EPS;
    if (user || device) indexes.push(i);
  });
  // A request with none of the named ids is not over anyone's budget.
  return indexes.length === 0 ? take() : tooManyRequests(users, devices, indexes);
}

export async function applyFault(fault: Fault, events: JsonObject[], take: () => Reply): Promise<FaultOutcome> {
  switch (fault.kind) {
    case 'status': {
      if (fault.processed) take();
      return fault.status === 413 ? payloadTooLarge() : serverError(fault.status);
    }
    case 'throttle':
      return throttle(fault, events, take);
    case 'hang': {
      const reply = fault.processed ? take() : undefined;
      await new Promise((r) => setTimeout(r, fault.ms));
      if (fault.cut) return { cut: true };
      return reply ?? take();
    }
  }
}
