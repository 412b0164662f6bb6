/** The machine a run measured, recorded next to its figures (they mean little without it). */
import fs from 'node:fs';
import os from 'node:os';
import type { RedisClient } from '@/lib/queue/connection';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGib: number;
  os: string;
  node: string;
  redis?: string;
  /** 1-minute load average when the run started (before its own build): other work skews every figure. */
  loadAverageAtStart: number;
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) return match[1]!.trim();
  } catch {
    // Not Linux.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export async function describeMachine(redis: RedisClient, loadAverageAtStart: number): Promise<MachineInfo> {
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server').catch(() => ''))?.[1];
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpuModel(),
    memoryGib: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    redis: redisVersion,
    loadAverageAtStart: Math.round(loadAverageAtStart * 100) / 100,
  };
}
