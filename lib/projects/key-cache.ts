/**
 * Resolves ingestion API keys to projects without a database round trip per request:
 * all keys are held in memory (by digest) and refreshed in the background; an unknown key is
 * re-checked at most once per `negativeTtlMs`, by reloading the keys (one reload at a time), so
 * a flood of bad keys cannot turn into a flood of queries.
 *
 * Keys are compared in constant time: a request's key is only ever hashed (SHA-256) and its
 * digest looked up, never compared with a stored key character by character — not here, and not
 * by a database lookup on the key column either — so answer times tell nothing about how much of
 * a guessed key was right.
 */
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { isConnectionError, outageLog } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';
import { digestApiKey } from '@/lib/projects/api-key';

const log = childLogger('project-keys');

export interface ProjectKeyCacheOptions {
  refreshMs?: number;
  negativeTtlMs?: number;
  /** Every project's id and key; from the database unless given. */
  loadKeys?: () => Promise<{ id: string; apiKey: string }[]>;
}

const postgresOutage = () => outageLog('Postgres', env().DATABASE_URL);
const loadKeysFromDatabase = () => prisma().project.findMany({ select: { id: true, apiKey: true } });

export class ProjectKeyCache {
  private byDigest = new Map<string, string>();
  private misses = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private readonly refreshMs: number;
  private readonly negativeTtlMs: number;
  private readonly loadKeys: NonNullable<ProjectKeyCacheOptions['loadKeys']>;
  private reloading?: Promise<void>;

  constructor(options: ProjectKeyCacheOptions = {}) {
    this.refreshMs = options.refreshMs ?? 5_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 10_000;
    this.loadKeys = options.loadKeys ?? loadKeysFromDatabase;
  }

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      // Keep serving the last known keys while the database is unreachable; the next tick retries.
      this.refresh().then(
        () => postgresOutage().reachable(),
        (err: Error) => (isConnectionError(err) ? postgresOutage().failed(err) : log.warn({ err: err.message }, 'project key refresh failed')),
      );
    }, this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const rows = await this.loadKeys();
    this.byDigest = new Map(rows.map((r) => [digestApiKey(r.apiKey), r.id]));
    this.misses.clear();
  }

  /** One reload at a time: misses arriving meanwhile wait for the same one. */
  private reload(): Promise<void> {
    this.reloading ??= this.refresh().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  /** The project id for a key, or null when no project has it. Throws when the database is down. */
  async resolve(apiKey: string): Promise<string | null> {
    const digest = digestApiKey(apiKey);
    const hit = this.byDigest.get(digest);
    if (hit) return hit;
    const missedAt = this.misses.get(digest);
    if (missedAt !== undefined && Date.now() - missedAt < this.negativeTtlMs) return null;
    // Perhaps a key created since the last refresh (a new project, a rotated key).
    await this.reload();
    const found = this.byDigest.get(digest);
    if (found) return found;
    if (this.misses.size > 10_000) this.misses.clear();
    this.misses.set(digest, Date.now());
    return null;
  }
}
