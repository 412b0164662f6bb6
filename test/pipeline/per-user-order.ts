/**
 * The per-user order check shared by the scale-out and Redis Cluster suites: requests in which
 * step k of every user is request k (even steps change the user's `plan`, odd ones are events
 * only), and the check, over what the fake Braze processed, that each user's attribute updates
 * arrived in event-time order and none after a later event of that user.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { FakeBraze, RecordedRequest } from '@/test/fakes/braze';

export interface OrderPlan {
  users: string[];
  requests: Record<string, unknown>[][];
  /** The plan value every user ends with. */
  newest: string;
  /** The event time a plan value was set at. */
  timeOfPlan: (plan: unknown) => number;
}

export function planPerUserOrder(users: string[], steps: number, t0: number): OrderPlan {
  const requests = Array.from({ length: steps }, (_, k) =>
    users.map((user_id) => ({
      event_type: k % 2 === 0 ? 'Plan Changed' : 'Page Viewed',
      user_id,
      time: t0 + k * 1_000,
      insert_id: randomBytes(8).toString('hex'),
      event_properties: { step: k },
      ...(k % 2 === 0 ? { user_properties: { $set: { plan: `v${k}` } } } : {}),
    })),
  );
  return { users, requests, newest: `v${steps - 2}`, timeOfPlan: (plan) => t0 + Number(String(plan).slice(1)) * 1_000 };
}

/** Per user, in the order Braze processed requests (attributes before events within one). */
export function expectPerUserOrder(braze: FakeBraze, plan: OrderPlan): void {
  const seen = new Map<string, { request: number; kind: 'attributes' | 'events'; time: number }[]>();
  braze.requests().forEach((r: RecordedRequest, request) => {
    if (r.status !== 201) return;
    const body = r.body as { attributes?: Record<string, unknown>[]; events?: Record<string, unknown>[] };
    const note = (user: unknown, kind: 'attributes' | 'events', time: number) => {
      const trail = seen.get(String(user)) ?? [];
      trail.push({ request, kind, time });
      seen.set(String(user), trail);
    };
    for (const a of body.attributes ?? []) note(a.external_id, 'attributes', plan.timeOfPlan(a.plan));
    for (const e of body.events ?? []) note(e.external_id, 'events', Date.parse(String(e.time)));
  });
  for (const user of plan.users) {
    const trail = seen.get(user) ?? [];
    const writes = trail.filter((x) => x.kind === 'attributes');
    // An older value never follows a newer one.
    expect(writes.map((w) => w.time), user).toEqual([...writes.map((w) => w.time)].sort((a, b) => a - b));
    expect(new Set(writes.map((w) => w.time)).size, user).toBe(writes.length);
    // No attribute update of an earlier event reaches Braze after a later event of the user.
    for (const event of trail.filter((x) => x.kind === 'events')) {
      const late = writes.filter((w) => w.time < event.time && w.request > event.request);
      expect(late, `${user}: an update older than its event at ${event.time} came after it`).toEqual([]);
    }
  }
}
