/** What the running product says of itself through its management API, for waiting on it. */
import { expect, type Page } from '@playwright/test';

// The worker caches sync settings for 2 s (lib/syncs/runtime.ts); a change is in force after this.
const SETTINGS_TTL_MS = 2_500;

/** The overview's answer: the server's clock, each sync's state, and what still waits. */
export async function overviewOf(page: Page) {
  const res = await page.request.get('/api/dashboard');
  expect(res.status()).toBe(200);
  return (await res.json()) as {
    generatedAt: string;
    pipeline: { ingest: { waiting: number; active: number; delayed: number }; deliver: { waiting: number; active: number; delayed: number } };
  };
}

/**
 * Waits, by the server's clock, until the workers' cached settings of these syncs have expired,
 * so the next events meet the syncs as saved.
 */
export async function waitForSettingsInForce(page: Page, syncIds: string[]) {
  const syncs = await Promise.all(syncIds.map(async (id) => (await (await page.request.get(`/api/syncs/${id}`)).json()) as { updatedAt: string }));
  const latest = Math.max(...syncs.map((s) => Date.parse(s.updatedAt)));
  await expect.poll(async () => Date.parse((await overviewOf(page)).generatedAt) - latest, { timeout: 15_000, intervals: [250] }).toBeGreaterThan(SETTINGS_TTL_MS);
}

/**
 * Nothing waits in the ingest or delivery queue: whatever was sent has had its outcome. With
 * `delayed: false`, jobs waiting for a retry (sent once already) or for a paused sync (held on
 * purpose), perhaps left by an earlier test, are not waited for: what the test sent has then been
 * fanned out and every request it made has been sent once.
 */
export async function expectPipelineIdle(page: Page, opts: { delayed?: boolean } = {}) {
  const delayed = opts.delayed ?? true;
  await expect
    .poll(
      async () => {
        const { ingest, deliver } = (await overviewOf(page)).pipeline;
        return ingest.waiting + ingest.active + deliver.waiting + deliver.active + (delayed ? ingest.delayed + deliver.delayed : 0);
      },
      { timeout: 30_000 },
    )
    .toBe(0);
}
