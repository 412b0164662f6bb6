/**
 * Keeps the product's processes running under `npm start`: a process that stops on its own is
 * restarted (scripts/restart-policy.ts) while the others carry on, so a crashed worker does not
 * take ingestion down and a crashed app does not stop delivery. A process exiting with
 * EXIT_CANNOT_RUN (lib/process/exit-codes) stops the product instead: a restart cannot help.
 * SIGTERM / SIGINT stop every process (SIGTERM first, SIGKILL after the grace period; a second
 * Ctrl-C kills at once).
 *
 * The process ids are kept in `pidsFile` (DATA_DIR/pids.json) as
 * `{ "supervisor": 1, "app": 2, "worker": 3 }`, rewritten on every start and restart and removed
 * on exit: what an operator (or a test) signals to reach one process.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EXIT_CANNOT_RUN } from '@/lib/process/exit-codes';
import { CRASH_LOOP_WINDOW_MS, RESTART_MAX_DELAY_MS, RestartPolicy } from './restart-policy';

export interface SupervisedPart {
  /** As people call it in messages: "app", "worker". */
  name: string;
  start: () => ChildProcess;
}

export interface SupervisorOptions {
  /** Where the process ids are kept; none when left out. */
  pidsFile?: string;
  /** How long SIGTERM may take before SIGKILL. */
  stopGraceMs: number;
}

interface Running {
  child: ChildProcess;
  startedAt: number;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

export function supervise(parts: SupervisedPart[], options: SupervisorOptions): void {
  const running = new Map<string, Running>();
  const restarts = new Map<string, NodeJS.Timeout>();
  let stopping = false;
  let exitCode = 0;

  const writePids = () => {
    if (!options.pidsFile) return;
    const pids: Record<string, number | undefined> = { supervisor: process.pid };
    for (const [name, { child }] of running) pids[name] = child.pid;
    fs.mkdirSync(path.dirname(options.pidsFile), { recursive: true });
    const temporary = `${options.pidsFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(pids)}\n`);
    fs.renameSync(temporary, options.pidsFile);
  };

  const finishIfStopped = () => {
    if (!stopping || running.size > 0) return;
    if (options.pidsFile) fs.rmSync(options.pidsFile, { force: true });
    process.exit(exitCode);
  };

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const timer of restarts.values()) clearTimeout(timer);
    for (const { child } of running.values()) child.kill('SIGTERM');
    setTimeout(() => killAll('SIGKILL'), options.stopGraceMs).unref();
    finishIfStopped();
  };
  const killAll = (signal: NodeJS.Signals) => {
    for (const { child } of running.values()) child.kill(signal);
  };

  const launch = (part: SupervisedPart, policy: RestartPolicy) => {
    restarts.delete(part.name);
    const child = part.start();
    const startedAt = Date.now();
    running.set(part.name, { child, startedAt });
    writePids();
    console.log(`The ${part.name} runs as process ${child.pid}.`);
    child.once('exit', (code, signal) => {
      running.delete(part.name);
      if (stopping) return finishIfStopped();
      writePids();
      if (code === EXIT_CANNOT_RUN) {
        console.error(`The ${part.name} cannot run (see its last message above); stopping the product.`);
        return stop(EXIT_CANNOT_RUN);
      }
      const decision = policy.onCrash(startedAt, Date.now());
      console.error(
        `The ${part.name} stopped unexpectedly (${describeExit(code, signal)}); restarting it in ${decision.delayMs / 1000} s.`,
      );
      if (decision.crashLoopStarted) {
        console.error(
          `The ${part.name} keeps crashing (${decision.recentCrashes} times in ${CRASH_LOOP_WINDOW_MS / 1000} s): its own messages above say why; it is restarted every ${RESTART_MAX_DELAY_MS / 1000} s until it stays up.`,
        );
      }
      restarts.set(part.name, setTimeout(() => launch(part, policy), decision.delayMs));
    });
  };

  for (const part of parts) launch(part, new RestartPolicy());
  process.once('SIGTERM', () => stop(0));
  process.on('SIGINT', () => {
    if (stopping) return killAll('SIGKILL');
    stop(0);
  });
}
