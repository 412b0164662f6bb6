/**
 * Import throughput at a 25 % rate share: a history import of a 50 MB Export API archive
 * (22,800 events of 12 hours, 1,000 users, as the fake Export API generates them) into one sync
 * sending users, with a worker process and a fake Braze enforcing Braze's default rate limit
 * (3,000 requests per 3 s). Reports events read per second, Braze objects and requests per
 * second against the share's budget (750 requests per 3 s), the worker's CPU and peak memory.
 * An import that does not complete, or whose counts disagree with what Braze received, fails.
 */
import { sampleUsage } from '@/bench/harness/proc-stats';
import type { RunContext } from '@/bench/harness/context';
import type { Scenario, ScenarioReport } from '@/bench/harness/scenario';
import { formatNumber, type Column } from '@/bench/harness/table';
import { FAKE_BRAZE_URL } from '@/bench/scenarios/delivery/endpoint';
import { BENCH_REST_API_KEY, BRAZE_RATE_LIMIT, startFake } from '@/bench/scenarios/delivery/fake-braze';
import { startProductWorker } from '@/bench/scenarios/delivery/workers';
import { FAKE_EXPORT_URL } from '@/bench/scenarios/import/endpoint';
import { startFakeAmplitudeExport, type ExportDataOptions } from '@/test/fakes/amplitude-export';

const SHARE = 25;
const DATA: ExportDataOptions = { projectId: 7, firstHour: new Date(Date.UTC(2026, 0, 5)), hours: 12, eventsPerHour: 1_900, users: 1_000, noteBytes: 3_000 };
const TIMEOUT_MS = 15 * 60_000;

const COLUMNS: Column[] = [
  { header: 'Share', align: 'left' },
  { header: 'Archive MB' },
  { header: 'Events' },
  { header: 'Seconds' },
  { header: 'Events/s' },
  { header: 'Objects/s' },
  { header: 'Requests/s' },
  { header: 'Budget req/s' },
  { header: 'Worker CPU %' },
  { header: 'Worker RSS MB' },
  { header: 'Machine CPU %' },
];

async function run(ctx: RunContext): Promise<ScenarioReport> {
  const { prisma } = await import('@/lib/db/prisma');
  const { startImport } = await import('@/lib/import/import-store');
  const { createSync } = await import('@/lib/syncs/repository');
  const { createSyncSchema } = await import('@/lib/syncs/schema');
  const failures: string[] = [];
  const exportApi = await startFakeAmplitudeExport({ data: DATA, partsPerHour: 2, port: Number(new URL(FAKE_EXPORT_URL).port) });
  const fake = await startFake(FAKE_BRAZE_URL);
  const worker = await startProductWorker(ctx, 'worker', FAKE_BRAZE_URL);
  try {
    const sync = await createSync(
      ctx.project.id,
      createSyncSchema.parse({ name: 'Import bench', enabled: true, brazeEndpoint: FAKE_BRAZE_URL, restApiKey: BENCH_REST_API_KEY, sendUsers: true, userProperties: ['plan', 'level'] }),
    );
    const hour = (d: Date) => d.toISOString().slice(0, 13);
    const usage = sampleUsage({ worker: worker.process.pid });
    const started = Date.now();
    const view = await startImport(ctx.project.id, sync.id, {
      startHour: hour(DATA.firstHour),
      endHour: hour(new Date(DATA.firstHour.getTime() + (DATA.hours - 1) * 3_600_000)),
      region: FAKE_EXPORT_URL,
      apiKey: exportApi.apiKey,
      secretKey: exportApi.secretKey,
      attributesOnly: true,
      rateShare: SHARE,
    });
    let runRow = await prisma().importRun.findUniqueOrThrow({ where: { id: view.id } });
    while (runRow.status === 'RUNNING' && Date.now() - started < TIMEOUT_MS) {
      await new Promise((r) => setTimeout(r, 500));
      runRow = await prisma().importRun.findUniqueOrThrow({ where: { id: view.id } });
    }
    const seconds = (Date.now() - started) / 1000;
    const used = usage.stop();
    const stats = await fake.stats();
    const expected = DATA.users * DATA.hours;
    if (runRow.status !== 'COMPLETED') failures.push(`the import ended ${runRow.status}${runRow.error ? `: ${runRow.error}` : ''}`);
    if (runRow.objectsSent !== expected || stats.attributesAccepted !== expected) {
      failures.push(`expected ${expected} user updates; the import counted ${runRow.objectsSent}, Braze accepted ${stats.attributesAccepted}`);
    }
    const [limit, per] = BRAZE_RATE_LIMIT.split('/') as [string, string];
    const budget = (Number(limit) * SHARE) / 100 / Number.parseInt(per, 10);
    const row = [
      `${SHARE} %`,
      formatNumber(Number(runRow.bytesTotal) / 1e6, 1),
      formatNumber(runRow.eventsRead),
      formatNumber(seconds, 1),
      formatNumber(runRow.eventsRead / seconds),
      formatNumber(runRow.objectsSent / seconds),
      formatNumber(stats.requests / seconds, 1),
      formatNumber(budget),
      formatNumber(used.processes.worker?.cpuPercent, 0),
      formatNumber(used.processes.worker?.rssPeakMib, 0),
      formatNumber(used.machineCpuPercent, 0),
    ];
    return {
      title: 'History import (Export API archive → Braze), attributes only',
      columns: COLUMNS,
      rows: [row],
      notes: [
        'Events/s: archive events read and run through the user model per second, download included. Objects/s: user updates Braze accepted.',
        `Requests/s against the budget: the import may use ${SHARE} % of the workspace's limit (${BRAZE_RATE_LIMIT}); below it, the worker's processing sets the pace.`,
        'Machine CPU %: all programs of the machine over the import, of all cores (other work on the machine slows the import).',
      ],
      failures,
      targets: [],
      data: { seconds, run: { ...runRow, bytesDone: Number(runRow.bytesDone), bytesTotal: Number(runRow.bytesTotal), runBytesStart: Number(runRow.runBytesStart), pending: undefined }, stats, usage: used },
    };
  } finally {
    await worker.stop();
    await fake.stop();
    await exportApi.close();
  }
}

export const scenario: Scenario = { name: 'import', description: 'History import throughput at a 25 % rate share (50 MB export)', run };
