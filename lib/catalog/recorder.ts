/**
 * The catalog of what a project sends — event types, event property keys, user property keys —
 * with counts and last-seen times, for the wizard's pickers. Counted in memory by the worker and
 * written every few seconds as additive upserts, so it costs nothing per event in Postgres.
 * Like Amplitude, a project's catalog stops growing at 2,000 event types, 2,000 event properties
 * and 1,000 user properties (https://amplitude.com/docs/faq/limits); counts of known names go on.
 */
import { prisma } from '@/lib/db/prisma';
import { childLogger } from '@/lib/log/logger';

const log = childLogger('catalog');

export type CatalogKind = 'event_type' | 'event_property' | 'user_property';
export const CATALOG_CAPS: Record<CatalogKind, number> = { event_type: 2_000, event_property: 2_000, user_property: 1_000 };
const MAX_NAME_LENGTH = 1_024;

export interface CatalogEvent {
  event_type: string;
  event_properties?: Record<string, unknown>;
  user_properties?: Record<string, unknown>;
}

interface Pending {
  count: number;
  lastSeen: number;
}

/** User property names in plain keys and inside operations ($set: {a: 1} names `a`). */
export function userPropertyNames(props: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (!key.startsWith('$')) names.push(key);
    else if (value && typeof value === 'object' && !Array.isArray(value)) names.push(...Object.keys(value));
  }
  return names;
}

export class CatalogRecorder {
  private pending = new Map<string, Pending>();
  private known = new Map<string, Set<string>>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly flushEveryMs = 5_000) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushEveryMs);
    this.timer.unref();
  }

  record(projectId: string, events: readonly CatalogEvent[], at = Date.now()): void {
    for (const e of events) {
      // Identify calls ($identify, $groupidentify) carry only user properties.
      if (!e.event_type.startsWith('$')) this.add(projectId, 'event_type', e.event_type, at);
      for (const key of Object.keys(e.event_properties ?? {})) this.add(projectId, 'event_property', key, at);
      for (const key of userPropertyNames(e.user_properties ?? {})) this.add(projectId, 'user_property', key, at);
    }
  }

  private add(projectId: string, kind: CatalogKind, name: string, at: number): void {
    if (name === '' || name.length > MAX_NAME_LENGTH) return;
    const id = JSON.stringify([projectId, kind, name]);
    const p = this.pending.get(id);
    if (p) {
      p.count++;
      p.lastSeen = Math.max(p.lastSeen, at);
    } else this.pending.set(id, { count: 1, lastSeen: at });
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeAll());
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async knownNames(projectId: string, kind: CatalogKind): Promise<Set<string>> {
    const id = `${projectId}|${kind}`;
    let set = this.known.get(id);
    if (!set) {
      const rows = await prisma().catalogEntry.findMany({ where: { projectId, kind }, select: { name: true } });
      set = new Set(rows.map((r) => r.name));
      this.known.set(id, set);
    }
    return set;
  }

  private async writeAll(): Promise<void> {
    const entries = [...this.pending.entries()];
    this.pending.clear();
    for (const [id, p] of entries) {
      const [projectId, kind, name] = JSON.parse(id) as [string, CatalogKind, string];
      try {
        const known = await this.knownNames(projectId, kind);
        if (!known.has(name) && known.size >= CATALOG_CAPS[kind]) continue;
        await prisma().$executeRaw`
          INSERT INTO "catalog_entries" ("project_id", "kind", "name", "count", "first_seen", "last_seen")
          VALUES (${projectId}, ${kind}, ${name}, ${p.count}, ${new Date(p.lastSeen)}, ${new Date(p.lastSeen)})
          ON CONFLICT ("project_id", "kind", "name") DO UPDATE
          SET "count" = "catalog_entries"."count" + EXCLUDED."count",
              "last_seen" = GREATEST("catalog_entries"."last_seen", EXCLUDED."last_seen")`;
        known.add(name);
      } catch (err) {
        log.warn({ err: (err as Error).message, projectId, kind }, 'catalog write failed; will retry');
        const back = this.pending.get(id);
        this.pending.set(id, { count: p.count + (back?.count ?? 0), lastSeen: Math.max(p.lastSeen, back?.lastSeen ?? 0) });
      }
    }
  }
}
