/**
 * The only reader of `process.env`. Parsed once with zod; a missing or malformed value is a
 * startup error that names the variable. Every variable is documented in `.env.example`.
 */
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

const urlWithProtocol = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const envSchema = z.object({
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
  REDIS_URL: urlWithProtocol(['redis:', 'rediss:']).default(DEFAULT_REDIS_URL),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, ":", "_" or "-" only').default('bzs'),
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
  /** Share of Redis `maxmemory` above which ingestion answers 503, leaving the rest to the workers; 0 = off. */
  INGEST_REDIS_HIGH_WATER: z.coerce.number().min(0).max(1).default(0.8),
  /** insert_id de-duplication window; 0 turns it off. Costs about 110 bytes of Redis per event. */
  INGEST_DEDUP_WINDOW_SECONDS: z.coerce.number().int().min(0).max(7 * 24 * 3600).default(3600),
  BRAZE_CUSTOM_ENDPOINTS: csv,
  BRAZE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  DELIVERY_LINGER_MS: z.coerce.number().int().min(0).max(10_000).default(100),
  /**
   * Delivery jobs a worker holds at once. BullMQ fetches that many, one Redis round trip each,
   * before processing any, and renews a job's lock only once it is processed: at 300 ms a round
   * trip (a worker starved of CPU) 100 jobs already outlive WORKER_LOCK_MS. 50 jobs are ~18
   * requests of 2–4 jobs in flight: 6,000+ events/s per worker at Braze's ~200 ms per request.
   */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(5_000).default(50),
  /** Ingest jobs (fan-out) a worker runs at once; each uses one Postgres connection at a time. */
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  DELIVERY_MAX_RETRY_HOURS: z.coerce.number().positive().max(72).default(4),
  /** Delivery metrics: minute rows for short ranges, hourly roll-up for up to this many days. */
  METRICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(90),
  METRICS_MINUTE_RETENTION_HOURS: z.coerce.number().int().min(6).max(24 * 90).default(48),
  /** Bearer token of `GET /api/metrics/prometheus`; the endpoint is off while it is unset. */
  METRICS_TOKEN: optionalSecret.refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** How long a job stays locked to a worker that stopped answering (killed) before another takes it. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment map; exported for tests. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
