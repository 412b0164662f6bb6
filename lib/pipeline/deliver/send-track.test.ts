import { describe, expect, it } from 'vitest';
import { MetricsRecorder } from '@/lib/metrics/recorder';
import type { WorkspaceRateLimiter } from '@/lib/pipeline/state/rate-limiter';
import { createBrazeSender } from '@/lib/pipeline/deliver/send-track';
import { runtimeSync } from '@/test/runtime-sync';

const redisDown = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));

describe('createBrazeSender', () => {
  it("keeps Braze's acceptance when the bookkeeping after the request fails (Redis down)", async () => {
    let calls = 0;
    const braze = (async () => {
      calls++;
      return new Response(JSON.stringify({ message: 'success', events_processed: 1 }), {
        status: 201,
        headers: { 'content-type': 'application/json', 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 60) },
      });
    }) as typeof fetch;
    const limiter = { acquire: async () => 0, observe: redisDown } as unknown as WorkspaceRateLimiter;
    const send = createBrazeSender(new MetricsRecorder(), { limiter, log: redisDown, fetch: braze });
    const outcome = await send(runtimeSync(), { events: [{ external_id: 'u1', name: 'E', time: '2026-01-01T00:00:00.000Z' }] });
    expect(calls).toBe(1);
    expect(outcome).toMatchObject({ kind: 'accepted', status: 201 });
  });
});
