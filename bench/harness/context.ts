/**
 * Everything one benchmark run shares across scenarios, set up on a fresh machine with only
 * Postgres and Redis running: its own database (dropped, re-created and migrated), its own Redis
 * key prefix (every key deleted at the end), a built UI (the app needs one to start), and a
 * project with a known ingestion API key.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RedisClient } from '@/lib/queue/connection';
import { dropDatabase, parseDatabaseUrl, recreateDatabase } from '@/bench/harness/database';
import { acquireRunLock } from '@/bench/harness/run-lock';
import { deleteKeysWithPrefix } from '@/test/redis-keys';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from '@/lib/env/defaults';
import { compiledPath } from '@/scripts/build/state';

export const BENCH_DATABASE = 'braze_streaming_bench';
/** How long a run waits for another one to end before giving up. */
const RUN_LOCK_TIMEOUT_MS = 10 * 60_000;
/** The benchmark project's ingestion API key (32 hex characters, like generated keys). */
export const BENCH_API_KEY = 'be4c0000be4c0000be4c0000be4c0000';

export interface BenchOptions {
  scenarios: string[];
  durationSec: number;
  warmupSec: number;
  connections: number;
  profile: boolean;
  skipBuild: boolean;
}

export interface RunContext {
  runId: string;
  options: BenchOptions;
  databaseUrl: string;
  queuePrefix: string;
  /** Environment of every product process of the run (and of this process's product modules). */
  productEnv: Record<string, string>;
  project: { id: string; apiKey: string };
  /** The run's Redis connection (the product's producer connection). */
  redis: RedisClient;
  resultsDir: string;
  log(message: string): void;
}

export interface PreparedRun {
  ctx: RunContext;
  /** Stops nothing by itself: deletes the run's Redis keys, database and data directory. Safe to call more than once. */
  cleanup(): Promise<void>;
}

function benchDatabaseUrl(base: string): string {
  const url = new URL(base);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

export function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

export async function prepareRun(options: BenchOptions, resultsDir: string): Promise<PreparedRun> {
  const runId = randomBytes(3).toString('hex');
  const databaseUrl = benchDatabaseUrl(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  const releaseLock = await acquireRunLock(parseDatabaseUrl(databaseUrl).adminUrl, { timeoutMs: RUN_LOCK_TIMEOUT_MS, log });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-bench-'));
  const productEnv: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
    QUEUE_PREFIX: `bzs-bench-${runId}`,
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  // Before any product module reads its configuration (lib/env parses process.env once).
  Object.assign(process.env, productEnv);
  const { producerConnection, closeQueues } = await import('@/lib/queue/queues');
  const { prisma, disconnectPrisma } = await import('@/lib/db/prisma');

  const removeRunData = async () => {
    const deleted = await deleteKeysWithPrefix(producerConnection(), productEnv.QUEUE_PREFIX!);
    log(`deleted ${deleted} Redis keys under ${productEnv.QUEUE_PREFIX}:`);
    await closeQueues();
    await disconnectPrisma();
    await dropDatabase(productEnv.DATABASE_URL!).catch((err: Error) => log(`could not drop ${BENCH_DATABASE}: ${err.message}`));
    fs.rmSync(dataDir, { recursive: true, force: true });
    await releaseLock();
  };
  let cleaning: Promise<void> | undefined;
  // Memoized: an interrupt and the normal end may both ask, and both must wait for it to finish.
  const cleanup = () => (cleaning ??= removeRunData());

  try {
    log(`database ${BENCH_DATABASE}: re-creating and migrating`);
    await recreateDatabase(productEnv.DATABASE_URL!);
    await prepareBuild(options.skipBuild);
    const project = await prisma().project.create({ data: { name: 'Benchmark', apiKey: BENCH_API_KEY }, select: { id: true, apiKey: true } });
    const ctx: RunContext = {
      runId,
      options,
      databaseUrl: productEnv.DATABASE_URL!,
      queuePrefix: productEnv.QUEUE_PREFIX!,
      productEnv,
      project,
      redis: producerConnection(),
      resultsDir,
      log,
    };
    return { ctx, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function prepareBuild(skip: boolean): Promise<void> {
  if (skip) {
    if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) throw new Error('--skip-build: there is no UI build (.next/BUILD_ID)');
    for (const source of ['server.ts', 'worker/main.ts']) {
      if (!fs.existsSync(compiledPath(source))) throw new Error(`--skip-build: there is no build of ${source} (${compiledPath(source)})`);
    }
    log('Build: using the existing one (--skip-build)');
    return;
  }
  log('Build (UI, server, worker): checking it is up to date');
  const { buildIfStale } = await import('@/scripts/start');
  buildIfStale();
}
