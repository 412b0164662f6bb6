/**
 * Dashboard reads over a long history: one sync with 90 days of minute metrics (129,600 rows,
 * seeded with generate_series) and their hourly roll-up (2,160 rows). Times the per-sync series
 * for the last hour (minute rows), 7 days and 90 days (hourly rows): the query in this process,
 * and `GET /api/syncs/:id/metrics` of a production app process over HTTP, signed in; plus the
 * overview, `GET /api/dashboard`. Target: the 90-day answer in under a second (p95).
 */
import { startApp, type RunningApp } from '@/bench/harness/app';
import type { RunContext } from '@/bench/harness/context';
import type { Scenario, ScenarioReport } from '@/bench/harness/scenario';
import { formatNumber, type Column } from '@/bench/harness/table';
import type { TimeRange } from '@/lib/metrics/time-range';

const RANGES: TimeRange[] = ['1h', '7d', '90d'];
const EXPECTED_POINTS: Record<string, number> = { '1h': 60, '7d': 168, '90d': 2_160 };
const RUNS = 30;
const WARMUP = 3;
const BUDGET_MS = 1_000;
const SEED_MINUTES = 90 * 24 * 60;

interface Timing {
  what: string;
  via: 'query' | 'HTTP';
  points: number;
  bytes: number;
  p50: number;
  p95: number;
  max: number;
}

const COLUMNS: Column[] = [
  { header: 'What', align: 'left' },
  { header: 'Via', align: 'left' },
  { header: 'Points' },
  { header: 'Answer KB' },
  { header: 'p50 ms' },
  { header: 'p95 ms' },
  { header: 'max ms' },
];

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function time(what: string, via: Timing['via'], once: () => Promise<{ points: number; bytes: number }>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await once();
  const ms: number[] = [];
  let last = { points: 0, bytes: 0 };
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    last = await once();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { what, via, ...last, p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), max: ms.at(-1)! };
}

/** A session cookie of the admin, signed in through the product's own sign-in endpoint. */
async function signIn(app: RunningApp, email: string, password: string): Promise<string> {
  // Sign-in checks the Origin against the address the app serves itself at (Next is started
  // with the host name localhost), as a browser on that address would send it.
  const origin = new URL(app.url);
  origin.hostname = 'localhost';
  const res = await fetch(`${app.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin.origin },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function run(ctx: RunContext): Promise<ScenarioReport> {
  // Product modules are loaded once the run's environment is in place.
  const { ensureAdminUser } = await import('@/lib/auth/ensure-admin-user');
  const { loadSyncMetrics } = await import('@/lib/dashboard/sync-dashboard');
  const { env } = await import('@/lib/env');
  const { defaultProjectId } = await import('@/lib/projects/project-settings');
  const { createSync } = await import('@/lib/syncs/repository');
  const { createSyncSchema } = await import('@/lib/syncs/schema');
  const { resolveRange } = await import('@/lib/metrics/time-range');
  const { expectedTotals, seedMinuteMetrics } = await import('@/test/seed-metrics');

  const failures: string[] = [];
  const projectId = await defaultProjectId();
  const input = createSyncSchema.parse({ name: 'Bench: 90 days', brazeEndpoint: 'https://rest.iad-01.braze.com', restApiKey: 'bench-never-sent', enabled: true });
  const syncId = (await createSync(projectId, input)).id;
  const now = new Date();
  const seedFrom = resolveRange('90d', now).from.getTime();
  ctx.log(`dashboard: seeding ${formatNumber(SEED_MINUTES)} minute rows and their hourly roll-up`);
  const seedStart = performance.now();
  await seedMinuteMetrics(syncId, seedFrom, SEED_MINUTES);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const expectedDelivered = expectedTotals(0, SEED_MINUTES).delivered;

  const timings: Timing[] = [];
  for (const range of RANGES) {
    ctx.log(`dashboard: query, last ${range}`);
    timings.push(
      await time(`per-sync series, last ${range}`, 'query', async () => {
        const m = await loadSyncMetrics(projectId, syncId, range);
        if (m.points.length !== EXPECTED_POINTS[range]) failures.push(`${range}: ${m.points.length} points, expected ${EXPECTED_POINTS[range]}`);
        if (range === '90d' && m.totals.delivered !== expectedDelivered) failures.push(`90d: delivered ${m.totals.delivered}, expected ${expectedDelivered}`);
        return { points: m.points.length, bytes: 0 };
      }),
    );
  }

  await ensureAdminUser();
  ctx.log('dashboard: starting the app');
  const app = await startApp(ctx);
  try {
    const cookie = await signIn(app, env().ADMIN_EMAIL, ctx.productEnv.ADMIN_PASSWORD!);
    const get = async (path: string) => {
      const res = await fetch(`${app.url}${path}`, { headers: { Cookie: cookie } });
      const text = await res.text();
      if (res.status !== 200) failures.push(`GET ${path}: ${res.status} ${text.slice(0, 200)}`);
      return text;
    };
    for (const range of RANGES) {
      ctx.log(`dashboard: GET /api/syncs/:id/metrics?range=${range}`);
      timings.push(
        await time(`per-sync series, last ${range}`, 'HTTP', async () => {
          const text = await get(`/api/syncs/${syncId}/metrics?range=${range}`);
          return { points: (JSON.parse(text) as { points: unknown[] }).points.length, bytes: text.length };
        }),
      );
    }
    timings.push(await time('overview (GET /api/dashboard)', 'HTTP', async () => ({ points: 0, bytes: (await get('/api/dashboard')).length })));
  } finally {
    await app.stop();
  }

  const worst90 = timings.find((t) => t.via === 'HTTP' && t.what.endsWith('90d'));
  return {
    title: 'Dashboard: one sync with 90 days of metrics (129,600 minute rows, 2,160 hourly rows)',
    columns: COLUMNS,
    rows: timings.map((t) => [
      t.what,
      t.via,
      t.points ? formatNumber(t.points) : '',
      t.bytes ? formatNumber(t.bytes / 1024, 1) : '',
      formatNumber(t.p50, 1),
      formatNumber(t.p95, 1),
      formatNumber(t.max, 1),
    ]),
    notes: [
      `Seeding took ${formatNumber(seedSeconds, 1)} s. ${RUNS} sequential requests per line after ${WARMUP} unreported ones.`,
      '"query" is loadSyncMetrics in this process (Postgres round trip, histogram percentiles, gap filling); "HTTP" adds the app process, session check and JSON.',
      'Up to 6 hours read minute rows; longer ranges read the hourly roll-up, by primary-key range.',
    ],
    failures,
    targets: worst90 ? [{ name: `per-sync API, 90 days, p95 < ${formatNumber(BUDGET_MS)} ms`, met: worst90.p95 < BUDGET_MS, detail: `${formatNumber(worst90.p95, 1)} ms` }] : [],
    data: { seedSeconds, timings },
  };
}

export const scenario: Scenario = {
  name: 'dashboard',
  description: 'Per-sync dashboard API over 90 days of metrics: query and HTTP timings for 1 h, 7 d and 90 d.',
  run,
};
