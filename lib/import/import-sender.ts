/**
 * Sends an import's `/users/track` requests through the worker's one Braze sender
 * (lib/pipeline/deliver/send-track: allow-listed endpoint, the workspace's shared rate limiter, the
 * sync's request counts and delivery log), after taking a place in the import's share of the
 * workspace's budget (rate-share). The window each answer tells (limit and reset) is read from
 * the response on its way through, so the share follows whatever limit the workspace has.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseRateLimitHeaders, type FetchLike, type TrackOutcome } from '@/lib/braze';
import { brazeFetch } from '@/lib/braze/transport';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import type { DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import type { WorkspaceRateLimiter } from '@/lib/pipeline/state/rate-limiter';
import { createBrazeSender, type TrackBody } from '@/lib/pipeline/deliver/send-track';
import type { ImportRateShare, RateWindow } from '@/lib/import/rate-share';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export interface ImportSenderDeps {
  metrics: MetricsRecorder;
  limiter: WorkspaceRateLimiter;
  share: ImportRateShare;
  log?: (syncId: string, entry: DeliveryLogEntry) => Promise<void>;
  fetch?: FetchLike;
}

/** While waiting for its share, a request checks this often whether its import should stop. */
const STOP_CHECK_MS = 1_000;

export type ImportSend = (sync: RuntimeSync, body: TrackBody, sharePercent: number, shouldStop: () => Promise<boolean>) => Promise<TrackOutcome | 'stopped'>;

export function createImportSender(deps: ImportSenderDeps): ImportSend {
  const fetchImpl = deps.fetch ?? brazeFetch;
  return async (sync, body, sharePercent, shouldStop) => {
    for (;;) {
      const { waitMs, probe } = await deps.share.take(sync.restApiKey, sharePercent);
      if (waitMs > 0) {
        await sleep(Math.min(waitMs, STOP_CHECK_MS));
        if (await shouldStop()) return 'stopped';
        continue;
      }
      let seen: RateWindow = { limit: null, resetAt: null };
      const send = createBrazeSender(deps.metrics, {
        limiter: deps.limiter,
        log: deps.log,
        fetch: async (input, init) => {
          const response = await fetchImpl(input, init);
          seen = parseRateLimitHeaders(response.headers);
          return response;
        },
      });
      try {
        return await send(sync, body);
      } finally {
        await deps.share.observe(sync.restApiKey, seen, probe);
      }
    }
  };
}
