/**
 * Everything a fault scenario runs on: a Redis and a Postgres of the test's own (so they may be
 * crashed), the fake Braze over real HTTP, and the product's processes — the ingestion API and
 * workers — as real child processes configured through their environment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { env } from '@/lib/env';
import { startFakeBraze, type FakeBraze } from '@/test/fakes/braze';
import { migrate } from '@/scripts/migrate';
import { freePort } from '@/test/free-port';
import { startOwnPostgres, type OwnPostgres } from '@/test/own-postgres';
import { startOwnRedis, type OwnRedis } from '@/test/own-redis';
import { startProcess, waitForOutput, type RunningProcess } from '@/test/processes';

export interface FaultRig {
  redis: OwnRedis;
  pg: OwnPostgres;
  braze: FakeBraze;
  databaseUrl: string;
  prefix: string;
  /** Environment of every product process of the rig. */
  productEnv: Record<string, string>;
  close: () => Promise<void>;
}

/**
 * Must run before anything in the test process reads the configuration: it points this process
 * (fixtures, metric reads) at the rig's own Postgres and Redis too.
 */
export async function startFaultRig(): Promise<FaultRig> {
  const [redis, pg, braze] = await Promise.all([startOwnRedis(), startOwnPostgres(), startFakeBraze()]);
  const databaseUrl = pg.urlOf('bzs_faults');
  await migrate(databaseUrl);
  const prefix = `bzs-faults-${randomBytes(3).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-faults-data-'));
  Object.assign(process.env, { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, QUEUE_PREFIX: prefix, BRAZE_CUSTOM_ENDPOINTS: braze.url });
  if (env().DATABASE_URL !== databaseUrl || env().REDIS_URL !== redis.url) {
    throw new Error('the configuration was read before the fault rig set it up');
  }
  const productEnv = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    BRAZE_CUSTOM_ENDPOINTS: braze.url,
    ENCRYPTION_KEY: env().ENCRYPTION_KEY!,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    WORKER_LOCK_MS: '2000',
    DELIVERY_LINGER_MS: '50',
    BRAZE_REQUEST_TIMEOUT_MS: '1500',
    WORKER_SHUTDOWN_TIMEOUT_MS: '20000',
  };
  return {
    redis,
    pg,
    braze,
    databaseUrl,
    prefix,
    productEnv,
    close: async () => {
      await braze.close();
      await redis.stop();
      pg.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Worker processes; any of them may be killed and replaced while the stream runs. */
export class WorkerPool {
  readonly all: RunningProcess[] = [];
  private live: RunningProcess[] = [];

  constructor(private readonly env: Record<string, string>) {}

  async start(n: number, { ready = true } = {}): Promise<void> {
    const started = Array.from({ length: n }, () => startProcess('worker/main.ts', this.env));
    this.all.push(...started);
    this.live.push(...started);
    if (ready) await Promise.all(started.map((w) => waitForOutput(w, /worker started/)));
  }

  /** SIGKILL the longest-running worker: whatever it held must come back to the queue. */
  async killOldest(): Promise<void> {
    const victim = this.live.shift();
    await victim?.kill('SIGKILL');
  }

  /**
   * SIGSTOP every live worker for `ms`, then SIGCONT: as a machine too busy to run them (or a
   * long pause of the process), their job locks run out while their work is half done.
   */
  async freeze(ms: number): Promise<void> {
    const frozen = [...this.live];
    for (const w of frozen) w.child.kill('SIGSTOP');
    await new Promise((r) => setTimeout(r, ms));
    for (const w of frozen) w.child.kill('SIGCONT');
  }

  /** SIGTERM every worker; resolves with their exit codes. */
  async stop(): Promise<(number | null)[]> {
    const codes = await Promise.all(this.live.map((w) => w.kill('SIGTERM')));
    this.live = [];
    return codes;
  }
}

/** The ingestion API as a process on a fixed port, so clients find it again after a restart. */
export class AppProcess {
  readonly all: RunningProcess[] = [];
  private current?: RunningProcess;
  url = '';

  constructor(
    private readonly env: Record<string, string>,
    private port = 0,
  ) {}

  async start(): Promise<void> {
    this.port ||= await freePort();
    this.current = startProcess('test/ingest-server-main.ts', this.env, ['--port', String(this.port)]);
    this.all.push(this.current);
    await waitForOutput(this.current, /listening/);
    this.url = `http://127.0.0.1:${this.port}`;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const code = await this.current?.kill(signal);
    this.current = undefined;
    return code ?? null;
  }
}
