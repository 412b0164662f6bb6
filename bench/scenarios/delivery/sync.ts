/**
 * The benchmark's syncs: one per measured variant, so each variant's delivery metrics (counters
 * and latency histogram, kept per sync and minute) are its own. Only one is Enabled at a time.
 */
import type { RunContext } from '@/bench/harness/context';
import { BENCH_REST_API_KEY } from '@/bench/scenarios/delivery/fake-braze';
import { SELECTED_EVENT_PROPERTIES, SELECTED_USER_PROPERTIES } from '@/bench/scenarios/delivery/plan';
import { createSync, setSyncEnabled } from '@/lib/syncs/repository';
import { TTL_MS } from '@/lib/syncs/runtime';
import { createSyncSchema } from '@/lib/syncs/schema';

export function createBenchSyncs(ctx: RunContext, brazeEndpoint: string) {
  let current: string | undefined;
  return {
    /**
     * Disables the previous sync and enables a new one named `name`; returns once running workers
     * can no longer hold the previous one in their sync cache.
     */
    async next(name: string): Promise<string> {
      await this.disable();
      const input = createSyncSchema.parse({
        name: name.slice(0, 100),
        enabled: true,
        brazeEndpoint,
        restApiKey: BENCH_REST_API_KEY,
        appId: 'bench-app',
        identifierProperty: 'user_id',
        identifierType: 'EXTERNAL_ID',
        sendEvents: true,
        eventProperties: { eventProperties: SELECTED_EVENT_PROPERTIES, userProperties: SELECTED_USER_PROPERTIES },
        sendUsers: false,
      });
      current = (await createSync(ctx.project.id, input)).id;
      await new Promise((r) => setTimeout(r, TTL_MS + 500));
      return current;
    },
    async disable(): Promise<void> {
      if (current) await setSyncEnabled(ctx.project.id, current, false);
      current = undefined;
    },
  };
}
