/**
 * Memory and CPU of processes, read from /proc (Linux) while a scenario runs. CPU is given in
 * percent of one core (two busy cores = 200 %), so "app 100 %" means its main thread is saturated.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { masterNodes, type RedisClient } from '@/lib/queue/connection';

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
const TICKS_PER_SECOND = clockTicksPerSecond();

/** Resident set size in KiB, or undefined when the process is gone. */
export function readRssKib(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux, or the process has exited: ask ps.
  }
  try {
    const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    return Number.isFinite(rss) && rss > 0 ? rss : undefined;
  } catch {
    return undefined;
  }
}

/** User + system CPU time of a process in seconds. */
function readCpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at "state" (field 3).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * The main thread's CPU time and the time it was runnable but waited for a core (the scheduler's
 * run-queue delay, /proc/<pid>/task/<pid>/schedstat), in seconds; undefined without schedstat.
 * In a Node process the main thread runs all JavaScript; the rest of its CPU is V8's helper
 * threads (garbage collection, compilation) and libuv's pool.
 */
function readMainThreadSeconds(pid: number): { running: number; waiting: number } | undefined {
  try {
    const [running, waiting] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    if (!Number.isFinite(running) || !Number.isFinite(waiting)) return undefined;
    return { running: running! / 1e9, waiting: waiting! / 1e9 };
  } catch {
    return undefined;
  }
}

/** Busy CPU seconds of the whole machine, summed over cores. */
function readMachineBusySeconds(): number | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [, ...values] = line.trim().split(/\s+/).map(Number);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return (values.reduce((a, b) => a + b, 0) - idle) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export interface ProcessUsage {
  rssPeakMib?: number;
  rssEndMib?: number;
  cpuPercent?: number;
  /** The main thread alone: % of the time it ran on a core, and % it was ready to run but waited for one. */
  mainThread?: { runningPercent: number; waitingPercent: number };
}

export interface UsageSummary {
  seconds: number;
  processes: Record<string, ProcessUsage>;
  /** Busy CPU of the whole machine, and the part not used by the watched processes (other programs). */
  machineCpuPercent?: number;
  otherCpuPercent?: number;
}

export interface UsageSampler {
  stop(): UsageSummary;
}

const toMib = (kib: number | undefined) => (kib === undefined ? undefined : Math.round((kib / 1024) * 10) / 10);
const percent = (busy: number, seconds: number) => Math.round((busy / seconds) * 1000) / 10;

/** Samples RSS every `intervalMs` and CPU time at start and stop, for each named pid. */
export function sampleUsage(pids: Record<string, number>, intervalMs = 200): UsageSampler {
  const startedAt = process.hrtime.bigint();
  const startCpu = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, readCpuSeconds(pid)]));
  const startMain = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, readMainThreadSeconds(pid)]));
  const startMachine = readMachineBusySeconds();
  const peaks: Record<string, number> = {};
  const last: Record<string, number> = {};
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const rss = readRssKib(pid);
      if (rss === undefined) continue;
      last[name] = rss;
      peaks[name] = Math.max(peaks[name] ?? 0, rss);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const processes: Record<string, ProcessUsage> = {};
      let watchedBusy = 0;
      for (const [name, pid] of Object.entries(pids)) {
        const before = startCpu[name];
        const after = readCpuSeconds(pid);
        const busy = before !== undefined && after !== undefined ? after - before : undefined;
        if (busy !== undefined) watchedBusy += busy;
        const [mainBefore, mainAfter] = [startMain[name], readMainThreadSeconds(pid)];
        processes[name] = {
          rssPeakMib: toMib(peaks[name]),
          rssEndMib: toMib(last[name]),
          cpuPercent: busy === undefined ? undefined : percent(busy, seconds),
          ...(mainBefore && mainAfter
            ? { mainThread: { runningPercent: percent(mainAfter.running - mainBefore.running, seconds), waitingPercent: percent(mainAfter.waiting - mainBefore.waiting, seconds) } }
            : {}),
        };
      }
      const endMachine = readMachineBusySeconds();
      const machineBusy = startMachine !== undefined && endMachine !== undefined ? endMachine - startMachine : undefined;
      return {
        seconds,
        processes,
        machineCpuPercent: machineBusy === undefined ? undefined : percent(machineBusy, seconds),
        otherCpuPercent: machineBusy === undefined ? undefined : percent(Math.max(0, machineBusy - watchedBusy), seconds),
      };
    },
  };
}

/** The Redis server's pid when it runs on this machine (its CPU shares the cores), else undefined. */
export async function localRedisPid(client: RedisClient): Promise<number | undefined> {
  // On a cluster, its first master's: the one the run's single-Redis figures compare with.
  const redis = masterNodes(client)[0];
  if (!redis) return undefined;
  const info = await redis.info('server').catch(() => '');
  const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
  if (!pid || !fs.existsSync(`/proc/${pid}/stat`)) return undefined;
  const host = redis.options.host ?? '';
  return ['127.0.0.1', 'localhost', '::1'].includes(host) ? pid : undefined;
}
