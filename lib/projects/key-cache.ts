/**
 * Resolves ingestion API keys to projects without a database round trip per request:
 * all keys are held in memory (by digest) and refreshed in the background; an unknown key is
 * re-checked against the database at most once per `negativeTtlMs`, so a flood of bad keys
 * cannot turn into a flood of queries.
 */
import { prisma } from '@/lib/db/prisma';
import { childLogger } from '@/lib/log/logger';
import { digestApiKey } from '@/lib/projects/api-key';

const log = childLogger('project-keys');

export interface ProjectKeyCacheOptions {
  refreshMs?: number;
  negativeTtlMs?: number;
}

export class ProjectKeyCache {
  private byDigest = new Map<string, string>();
  private misses = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private readonly refreshMs: number;
  private readonly negativeTtlMs: number;

  constructor(options: ProjectKeyCacheOptions = {}) {
    this.refreshMs = options.refreshMs ?? 5_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 10_000;
  }

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      // Keep serving the last known keys while the database is unreachable; the next tick retries.
      this.refresh().catch((err: Error) => log.warn({ err: err.message }, 'project key refresh failed'));
    }, this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const rows = await prisma().project.findMany({ select: { id: true, apiKey: true } });
    this.byDigest = new Map(rows.map((r) => [digestApiKey(r.apiKey), r.id]));
    this.misses.clear();
  }

  /** The project id for a key, or null when no project has it. Throws when the database is down. */
  async resolve(apiKey: string): Promise<string | null> {
    const digest = digestApiKey(apiKey);
    const hit = this.byDigest.get(digest);
    if (hit) return hit;
    const missedAt = this.misses.get(digest);
    if (missedAt !== undefined && Date.now() - missedAt < this.negativeTtlMs) return null;
    const row = await prisma().project.findUnique({ where: { apiKey }, select: { id: true } });
    if (row) {
      this.byDigest.set(digest, row.id);
      return row.id;
    }
    if (this.misses.size > 10_000) this.misses.clear();
    this.misses.set(digest, Date.now());
    return null;
  }
}
