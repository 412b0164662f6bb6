/**
 * `npm run bench [-- options]`: the product's benchmarks. Self-contained on a machine with Postgres
 * and Redis running: a fresh database and Redis key prefix per run, removed at the end; the UI is
 * built if needed; product processes start as in production and stop at the end.
 *
 *   --scenario <name>    run only this scenario (repeatable); default: all in bench/scenarios/
 *   --duration <s>       measured seconds per variant (default 20)
 *   --warmup <s>         unreported warm-up seconds before measuring (default 5)
 *   --connections <n>    keep-alive connections of the load generator (default 16)
 *   --profile            run the app under --cpu-prof and print where its CPU time went
 *   --skip-build         use the existing build (UI, server, worker) even if sources are newer
 *
 * Prints a table per scenario and writes bench/results/latest.json. Exits 1 when a correctness
 * check failed (a missed throughput target is reported, not an error).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { log, prepareRun, type BenchOptions, type PreparedRun } from '@/bench/harness/context';
import { renderAreaComparison, renderProfileSummary } from '@/bench/harness/cpu-profile';
import { describeMachine } from '@/bench/harness/machine';
import { stopStartedProcesses } from '@/bench/harness/processes';
import { writeResults } from '@/bench/harness/results';
import type { Scenario, ScenarioReport } from '@/bench/harness/scenario';
import { renderTable } from '@/bench/harness/table';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');

function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', multiple: true, default: [] },
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '5' },
      connections: { type: 'string', default: '16' },
      profile: { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const positive = (name: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
    return n;
  };
  return {
    scenarios: values.scenario,
    durationSec: positive('duration', values.duration, 1),
    warmupSec: positive('warmup', values.warmup, 0),
    connections: Math.round(positive('connections', values.connections, 1)),
    profile: values.profile,
    skipBuild: values['skip-build'],
  };
}

/** Every module in bench/scenarios/ that exports `scenario`, by name. */
async function loadScenarios(): Promise<Map<string, Scenario>> {
  const dir = path.join(BENCH_DIR, 'scenarios');
  const scenarios = new Map<string, Scenario>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort()) {
    const mod = (await import(path.join(dir, file))) as { scenario?: Scenario };
    if (mod.scenario) scenarios.set(mod.scenario.name, mod.scenario);
  }
  return scenarios;
}

function printReport(report: ScenarioReport): void {
  console.log(`\n${report.title}\n`);
  console.log(renderTable(report.columns, report.rows));
  console.log('');
  for (const note of report.notes) console.log(`  · ${note}`);
  for (const target of report.targets) console.log(`  ${target.met ? 'MET    ' : 'NOT MET'} ${target.name}: ${target.detail}`);
  for (const failure of report.failures) console.log(`  FAILED  ${failure}`);
  if (report.profile) {
    console.log(`\n${renderProfileSummary(report.profile.combined)}`);
    if (report.profile.parts.length > 1) console.log(`\nBy part of the load (shares of each part's busy time)\n${renderAreaComparison(report.profile.parts)}`);
  }
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg()[0]!;
  const options = parseOptions(process.argv.slice(2));
  const available = await loadScenarios();
  const names = options.scenarios.length > 0 ? options.scenarios : [...available.keys()];
  const unknown = names.filter((n) => !available.has(n));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; available: ${[...available.keys()].join(', ')}`);

  const active: { run?: PreparedRun } = {};
  const interrupt = (signal: string) => {
    log(`${signal}: stopping processes and cleaning up`);
    void stopStartedProcesses()
      .then(() => active.run?.cleanup())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', () => interrupt('SIGINT'));
  process.once('SIGTERM', () => interrupt('SIGTERM'));

  const run = await prepareRun(options, RESULTS_DIR);
  active.run = run;
  const reports: { scenario: string; report: ScenarioReport }[] = [];
  let machine;
  try {
    machine = await describeMachine(run.ctx.redis, loadAverageAtStart);
    for (const name of names) reports.push({ scenario: name, report: await available.get(name)!.run(run.ctx) });
  } finally {
    await stopStartedProcesses();
    await run.cleanup();
  }

  console.log(
    `\nMachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGib} GiB, ${machine.os}, Node ${machine.node}, ` +
      `Redis ${machine.redis ?? '?'}; load average at start ${machine.loadAverageAtStart}`,
  );
  if (machine.loadAverageAtStart > machine.cpus / 2) {
    console.log(`Other programs were running when the run started (load average ${machine.loadAverageAtStart} on ${machine.cpus} cores): figures may be lower than on an idle machine; see "other CPU".`);
  }
  for (const { report } of reports) printReport(report);
  const file = writeResults(RESULTS_DIR, startedAt, {
    startedAt: startedAt.toISOString(),
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    options,
    machine,
    scenarios: reports.map(({ scenario, report }) => ({ scenario, title: report.title, targets: report.targets, failures: report.failures, profile: report.profile, data: report.data })),
  });
  console.log(`\nResults: ${path.relative(process.cwd(), file)} (run took ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s)`);
  return reports.some(({ report }) => report.failures.length > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
