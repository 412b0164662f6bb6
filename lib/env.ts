/**
 * The only reader of `process.env`. Every process (app, worker, scripts) first takes the
 * settings of `.env` in its working directory that the environment does not already set, then
 * parses them once with zod. A missing or malformed value is a startup error: one sentence
 * naming the variable and what it must be. Every variable is documented in `.env.example`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from '@/lib/env/defaults';

const optionalSecret = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const csv = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** `host:port`, the host a name, IPv4 or bracketed IPv6 address. */
const CLUSTER_NODE = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;
const PARTITION_LIST = /^\d+(?:-\d+)?(?:\s*,\s*\d+(?:-\d+)?)*$/;
export const MAX_PARTITIONS = 256;

const urlWithProtocol = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const envFields = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: urlWithProtocol(['http:', 'https:']).optional(),
  /** Set when a reverse proxy in front of the app sets X-Forwarded-For (else the socket address is used). */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  DATABASE_URL: urlWithProtocol(['postgresql:', 'postgres:']).default(DEFAULT_DATABASE_URL),
  /** Empty is unset: a deployment that moves to REDIS_CLUSTER_NODES may blank it rather than remove it. */
  REDIS_URL: z.preprocess((v) => (v === '' ? undefined : v), urlWithProtocol(['redis:', 'rediss:']).default(DEFAULT_REDIS_URL)),
  /** A Redis Cluster instead of one Redis: `host:port` of some of its nodes (the rest are discovered). */
  REDIS_CLUSTER_NODES: csv.refine((nodes) => nodes.every((n) => CLUSTER_NODE.test(n)), 'must be host:port entries, comma-separated'),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/, 'must be letters, digits, ":", "_" or "-" only').default('bzs'),
  /** Partitions of the queues and per-user state (lib/queue/partitions); default 1, or 6 on a cluster. */
  QUEUE_PARTITIONS: z.coerce.number().int().min(1).max(MAX_PARTITIONS).optional(),
  /** The partitions this worker consumes, e.g. `0-2,5`; all when unset. */
  WORKER_PARTITIONS: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .refine((v) => v === undefined || PARTITION_LIST.test(v), 'must be partition numbers or ranges, comma-separated (e.g. 0-2,5)'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ENCRYPTION_KEY: optionalSecret.refine(
    (v) => v === undefined || Buffer.from(v, 'base64').length === 32,
    'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
  ),
  /** Keys that sealed stored credentials before a rotation: still opened, re-sealed with ENCRYPTION_KEY. */
  ENCRYPTION_KEY_PREVIOUS: csv.refine(
    (keys) => keys.every((k) => Buffer.from(k, 'base64').length === 32),
    'must be 32-byte base64 keys, comma-separated',
  ),
  ADMIN_EMAIL: z.string().email().default('admin@localhost.localdomain'),
  ADMIN_PASSWORD: optionalSecret.refine((v) => v === undefined || v.length >= 12, 'must be at least 12 characters'),
  DEFAULT_PROJECT_API_KEY: optionalSecret.refine(
    (v) => v === undefined || /^[A-Za-z0-9_-]{16,128}$/.test(v),
    'must be 16–128 characters of letters, digits, "_" or "-"',
  ),
  /** Request limits, defaults as Amplitude documents them (HTTP V2: 1 MB; Batch: 20 MB; 2,000 events). */
  INGEST_HTTPAPI_MAX_BYTES: z.coerce.number().int().min(1_024).default(1024 * 1024),
  INGEST_BATCH_MAX_BYTES: z.coerce.number().int().min(1_024).default(20 * 1024 * 1024),
  INGEST_MAX_EVENTS: z.coerce.number().int().min(1).max(100_000).default(2_000),
  /** Per user_id / device_id throttling (average events/s over the window); 0 turns it off. */
  INGEST_HTTPAPI_USER_EPS: z.coerce.number().min(0).default(30),
  INGEST_BATCH_USER_EPS: z.coerce.number().min(0).default(1_000),
  INGEST_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  /** Back-pressure: requests in progress and body bytes held at once per app process; over them, 503. */
  INGEST_MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(100_000).default(512),
  INGEST_MAX_BUFFERED_BYTES: z.coerce.number().int().min(1_024 * 1_024).default(64 * 1024 * 1024),
  /** Slow clients: requests in progress per client address; the body's time allowance and minimum rate. */
  INGEST_MAX_REQUESTS_PER_CLIENT: z.coerce.number().int().min(1).max(100_000).default(64),
  INGEST_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  INGEST_BODY_MIN_BYTES_PER_SECOND: z.coerce.number().int().min(0).default(4_096),
  /** Share of Redis `maxmemory` above which ingestion answers 503, leaving the rest to the workers; 0 = off. */
  INGEST_REDIS_HIGH_WATER: z.coerce.number().min(0).max(1).default(0.8),
  /** insert_id de-duplication window; 0 turns it off. Costs about 110 bytes of Redis per event. */
  INGEST_DEDUP_WINDOW_SECONDS: z.coerce.number().int().min(0).max(7 * 24 * 3600).default(3600),
  BRAZE_CUSTOM_ENDPOINTS: csv,
  /** Amplitude hosts allowed besides Amplitude's own US and EU ones (test stand-ins), comma-separated base URLs. */
  AMPLITUDE_CUSTOM_ENDPOINTS: csv,
  BRAZE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Forward to Amplitude: timeout of one Amplitude request, and forwarding jobs a worker sends at once. */
  AMPLITUDE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  FORWARD_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(32),
  DELIVERY_LINGER_MS: z.coerce.number().int().min(0).max(10_000).default(100),
  /**
   * Delivery jobs a worker holds at once. BullMQ fetches that many, one Redis round trip each,
   * before processing any, and renews a job's lock only once it is processed: at 300 ms a round
   * trip (a worker starved of CPU) 100 jobs already outlive WORKER_LOCK_MS. 50 jobs are ~18
   * requests of 2–4 jobs in flight: 6,000+ events/s per worker at Braze's ~200 ms per request.
   */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(5_000).default(50),
  /**
   * Ingest jobs a worker runs at once. An ingest job makes its delivery jobs' first attempts
   * itself (lib/pipeline/deliver/deliver-inline), so it holds its slot until Braze answers: up to
   * DELIVERY_LINGER_MS for company, then the request. At Braze's ~200 ms per request a job takes
   * ~300 ms, so 16 jobs would cap a worker near 5,000 events/s; 50 (as DELIVERY_CONCURRENCY,
   * whose work they now do first) allow ~16,000. Postgres connections do not grow with it
   * (lib/db/prisma: poolSize).
   */
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(50),
  DELIVERY_MAX_RETRY_HOURS: z.coerce.number().positive().max(72).default(4),
  /** Delivery metrics: minute rows for short ranges, hourly roll-up for up to this many days. */
  METRICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(90),
  METRICS_MINUTE_RETENTION_HOURS: z.coerce.number().int().min(6).max(24 * 90).default(48),
  /** Bearer token of `GET /api/metrics/prometheus`; the endpoint is off while it is unset. */
  METRICS_TOKEN: optionalSecret.refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  /** Hosts whose alert webhook may be plain http (e.g. a relay inside the network); any other must be https. */
  ALERT_WEBHOOK_ALLOW_HTTP: csv,
  /** Sync health (lib/health-states): how often the worker judges it, over which windows. */
  HEALTH_CHECK_INTERVAL_MS: z.coerce.number().int().min(500).max(300_000).default(10_000),
  HEALTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(10).max(3_600).default(300),
  HEALTH_RECENT_WINDOW_SECONDS: z.coerce.number().int().min(2).max(3_600).default(60),
  /** Alerts: a recovery is announced once it held this long; each state at most once per sync per repeat window. */
  ALERT_RECOVERY_HOLD_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  ALERT_REPEAT_MINUTES: z.coerce.number().int().min(1).max(1_440).default(10),
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * The worker's V8 old-space limit in MB (`--max-old-space-size`, set by `npm start`; 0: V8's
   * own). Without one V8 lets garbage pile up long before a full collection: a history import
   * of a 53 MB archive took the worker to ~465 MB RSS with ~60 MB in use, ~325 MB with 512.
   */
  WORKER_MAX_OLD_SPACE_MB: z.coerce.number().int().refine((mb) => mb === 0 || mb >= 128, 'must be 0 (no limit) or at least 128').default(512),
  /**
   * The worker's V8 semi-space limit in MB (`--max-semi-space-size`; 0: V8's own, which grew the
   * young generation to 128 MB under the delivery benchmark's load). Young objects that outlive
   * a semi-space's collection move to the old space, so very small values cost CPU; 8 measured
   * the same CPU per event as 16 with ~25 MB less RSS (docs/benchmarks.md).
   */
  WORKER_MAX_SEMI_SPACE_MB: z.coerce.number().int().min(0).max(256).default(8),
  /** How long a job stays locked to a worker that stopped answering (killed) before another takes it. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
});

/**
 * On a cluster, 6 partitions: two per master of the smallest cluster (3 masters), so keys and
 * load spread over all of them and a cluster grown to 6 masters still gets one each, while
 * each worker holds only 6 × 3 blocking queue connections.
 */
export const DEFAULT_CLUSTER_PARTITIONS = 6;

/** The ranges of `WORKER_PARTITIONS` as partition numbers, ascending. */
export function parsePartitionList(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to = from] = part.trim().split('-').map(Number) as [number, number?];
    for (let p = from; p <= to; p++) out.add(p);
  }
  return [...out].sort((a, b) => a - b);
}

const envSchema = envFields.transform((fields, ctx) => {
  const partitions = fields.QUEUE_PARTITIONS ?? (fields.REDIS_CLUSTER_NODES.length > 0 ? DEFAULT_CLUSTER_PARTITIONS : 1);
  const own = fields.WORKER_PARTITIONS === undefined ? [...Array(partitions).keys()] : parsePartitionList(fields.WORKER_PARTITIONS);
  if (own.length === 0 || own.some((p) => p >= partitions)) {
    ctx.issues.push({ code: 'custom', path: ['WORKER_PARTITIONS'], input: fields.WORKER_PARTITIONS, message: `must name partitions from 0 to ${partitions - 1} (QUEUE_PARTITIONS is ${partitions})` });
    return z.NEVER;
  }
  return { ...fields, QUEUE_PARTITIONS: partitions, WORKER_PARTITIONS: own };
});

export type Env = z.infer<typeof envSchema>;

/** A configuration error, said in one sentence that names each wrong variable. */
export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvError';
  }
}

/** What a value must be, in words, for zod's issues that carry no message of ours. */
function expectation(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'must be a whole number' : `must be a ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${issue.minimum} characters` : `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'email' ? 'must be an email address' : undefined;
    default:
      return undefined;
  }
}

/**
 * Parses an environment map. `fromFile` names the variables that came from `.env`, so the
 * message says where to look. Values are never repeated in the message: some are secrets.
 */
export function parseEnv(source: Record<string, string | undefined>, fromFile: ReadonlySet<string> = new Set()): Env {
  if (source.REDIS_URL?.trim() && source.REDIS_CLUSTER_NODES?.trim()) {
    const where = (name: string) => (fromFile.has(name) ? `${name} (set in .env)` : name);
    throw new EnvError(
      `Invalid configuration: ${where('REDIS_URL')} and ${where('REDIS_CLUSTER_NODES')} are both set; set REDIS_URL for one Redis or REDIS_CLUSTER_NODES for a Redis Cluster, not both.`,
    );
  }
  const result = envSchema.safeParse(source, { error: (issue) => expectation(issue) });
  if (result.success) return result.data;
  const seen = new Set<string>();
  const problems = result.error.issues.flatMap((issue) => {
    const name = issue.path.join('.');
    if (seen.has(name)) return [];
    seen.add(name);
    return [`${name}${fromFile.has(name) ? ' (set in .env)' : ''} ${issue.message}`];
  });
  throw new EnvError(`Invalid configuration: ${problems.join('; ')}.`);
}

const ENV_LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
const DOUBLE_QUOTED = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/;
const SINGLE_QUOTED = /^'([^']*)'\s*(?:#.*)?$/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };

function parseValue(raw: string): string | undefined {
  if (raw.startsWith('"')) {
    const quoted = DOUBLE_QUOTED.exec(raw);
    return quoted?.[1]!.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
  }
  if (raw.startsWith("'")) return SINGLE_QUOTED.exec(raw)?.[1];
  // Unquoted: a "#" after whitespace starts a comment, as in shells and dotenv.
  return raw.replace(/(^|\s+)#.*$/, '').trim();
}

/**
 * Reads `NAME=value` lines (optionally `export NAME=value`, values optionally quoted; blank
 * lines and `#` comments skipped). A line that is none of these is an error naming the line,
 * rather than a setting silently ignored.
 */
export function parseEnvFile(text: string, fileName = '.env'): Map<string, string> {
  const values = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = ENV_LINE.exec(trimmed);
    const value = match ? parseValue(match[2]!) : undefined;
    if (!match || value === undefined) {
      throw new EnvError(`Invalid configuration: line ${index + 1} of ${fileName} is not NAME=value (quotes must close on the same line).`);
    }
    values.set(match[1]!, value);
  });
  return values;
}

/**
 * Copies the settings of the file at `file` into `target` where `target` has none: the
 * environment wins over the file. A missing file is no error (every setting has a default).
 * Returns the names taken from the file.
 */
export function loadEnvFile(file: string, target: Record<string, string | undefined>): Set<string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw new EnvError(`Invalid configuration: ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  const taken = new Set<string>();
  for (const [name, value] of parseEnvFile(text, path.basename(file))) {
    if (target[name] !== undefined) continue;
    target[name] = value;
    taken.add(name);
  }
  return taken;
}

let cached: Env | undefined;

/**
 * The configuration, read once per process from `.env` in the working directory and the
 * environment. The file's values are also put into `process.env`, so child processes (Prisma's
 * CLI, the app and worker started by `npm start`) see the same settings.
 */
export function env(): Env {
  if (!cached) {
    const fromFile = loadEnvFile(path.resolve('.env'), process.env);
    cached = parseEnv(process.env, fromFile);
  }
  return cached;
}

/**
 * `env()` for the first line of an entry point: a configuration error ends the process with its
 * one sentence on stderr (no stack, no logger, which itself needs the configuration).
 */
export function envOrExit(): Env {
  try {
    return env();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
