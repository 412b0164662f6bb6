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
import { ReloadedSnapshot } from '@/lib/db/reloaded-snapshot';
import { digestApiKey } from '@/lib/projects/api-key';

export interface ProjectKeyCacheOptions {
  refreshMs?: number;
  negativeTtlMs?: number;
  /** Every project's id and key; from the database unless given. */
  loadKeys?: () => Promise<{ id: string; apiKey: string }[]>;
}

const loadKeysFromDatabase = () => prisma().project.findMany({ select: { id: true, apiKey: true } });

export class ProjectKeyCache {
  private readonly keys: ReloadedSnapshot<Map<string, string>>;
  private misses = new Map<string, number>();
  private readonly negativeTtlMs: number;

  constructor(options: ProjectKeyCacheOptions = {}) {
    this.negativeTtlMs = options.negativeTtlMs ?? 10_000;
    const loadKeys = options.loadKeys ?? loadKeysFromDatabase;
    this.keys = new ReloadedSnapshot({
      load: async () => new Map((await loadKeys()).map((r) => [digestApiKey(r.apiKey), r.id])),
      refreshMs: options.refreshMs ?? 5_000,
      what: 'project keys',
      onLoaded: () => this.misses.clear(),
    });
  }

  /** Loads the keys; the last known keys keep serving while the database is unreachable. */
  start(): Promise<void> {
    return this.keys.start();
  }

  stop(): void {
    this.keys.stop();
  }

  /** The project id for a key, or null when no project has it. Throws when the database is down. */
  async resolve(apiKey: string): Promise<string | null> {
    const digest = digestApiKey(apiKey);
    const hit = (await this.keys.ready()).get(digest);
    if (hit) return hit;
    const missedAt = this.misses.get(digest);
    if (missedAt !== undefined && Date.now() - missedAt < this.negativeTtlMs) return null;
    // Perhaps a key created since the last refresh (a new project, a rotated key); misses
    // arriving during a reload wait for the same one.
    const found = (await this.keys.refresh()).get(digest);
    if (found) return found;
    if (this.misses.size > 10_000) this.misses.clear();
    this.misses.set(digest, Date.now());
    return null;
  }
}
