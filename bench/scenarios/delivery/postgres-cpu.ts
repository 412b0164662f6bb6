/**
 * CPU time of the local PostgreSQL server's processes (postmaster and every backend) over a
 * part of the benchmark, read from /proc. Backends come and go with connections (a worker's pool
 * opens its connections once load arrives), so every `postgres` process is read at both ends and
 * one that started in between counts from zero. On a machine without /proc this reports nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

function ticksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
const TICKS = ticksPerSecond();

function postgresCpuSeconds(): Map<number, number> {
  const out = new Map<number, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return out;
  }
  for (const pid of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / TICKS);
    } catch {
      // Exited while being read.
    }
  }
  return out;
}

/** Starts counting; `stop()` gives Postgres's CPU in % of one core since, or undefined without /proc. */
export function samplePostgresCpu(): { stop(): number | undefined } {
  const startedAt = performance.now();
  const before = postgresCpuSeconds();
  return {
    stop() {
      const after = postgresCpuSeconds();
      if (before.size === 0 && after.size === 0) return undefined;
      let busy = 0;
      for (const [pid, seconds] of after) busy += seconds - (before.get(pid) ?? 0);
      const elapsed = (performance.now() - startedAt) / 1000;
      return Math.round((busy / elapsed) * 1000) / 10;
    },
  };
}
