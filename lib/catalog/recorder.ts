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
  forEachUserPropertyName(props, (name) => names.push(name));
  return names;
}

/** As `userPropertyNames`, without building the list: the worker counts every event's names. */
function forEachUserPropertyName(props: Record<string, unknown>, visit: (name: string) => void): void {
  for (const key in props) {
    if (!Object.hasOwn(props, key)) continue;
    const value = props[key];
    if (!key.startsWith('$')) visit(key);
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const name in value) if (Object.hasOwn(value, name)) visit(name);
    }
  }
}

/** Counts waiting to be written: project → kind → name. Nested maps, so counting builds no key strings. */
type PendingCounts = Map<string, Map<CatalogKind, Map<string, Pending>>>;

export class CatalogRecorder {
  private pending: PendingCounts = new Map();
  private known = new Map<string, Set<string>>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly flushEveryMs = 5_000) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushEveryMs);
    this.timer.unref();
  }

  record(projectId: string, events: readonly CatalogEvent[], at = Date.now()): void {
    let kinds = this.pending.get(projectId);
    if (!kinds) this.pending.set(projectId, (kinds = new Map()));
    const of = (kind: CatalogKind) => {
      let names = kinds.get(kind);
      if (!names) kinds.set(kind, (names = new Map()));
      return names;
    };
    const [types, eventProps, userProps] = [of('event_type'), of('event_property'), of('user_property')];
    const countUserProperty = (name: string) => add(userProps, name, 1, at);
    for (const e of events) {
      // Identify calls ($identify, $groupidentify) carry only user properties.
      if (!e.event_type.startsWith('$')) add(types, e.event_type, 1, at);
      if (e.event_properties) for (const key in e.event_properties) if (Object.hasOwn(e.event_properties, key)) add(eventProps, key, 1, at);
      if (e.user_properties) forEachUserPropertyName(e.user_properties, countUserProperty);
    }
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
    const taken = this.pending;
    this.pending = new Map();
    for (const [projectId, kinds] of taken) {
      for (const [kind, names] of kinds) await this.write(projectId, kind, names);
    }
  }

  /**
   * One upsert for all of a project's names of one kind (one commit, not one per name), in name
   * order so two workers' upserts lock their rows in the same order. Names past the cap are
   * dropped; on failure the counts go back to pending and are written with the next flush.
   */
  private async write(projectId: string, kind: CatalogKind, names: Map<string, Pending>): Promise<void> {
    try {
      const known = await this.knownNames(projectId, kind);
      let room = CATALOG_CAPS[kind] - known.size;
      const rows: [string, Pending][] = [];
      for (const [name, p] of [...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (known.has(name)) rows.push([name, p]);
        else if (room > 0) {
          rows.push([name, p]);
          room--;
        }
      }
      if (rows.length === 0) return;
      await prisma().$executeRaw`
        INSERT INTO "catalog_entries" ("project_id", "kind", "name", "count", "first_seen", "last_seen")
        SELECT ${projectId}, ${kind}, r.name, r.count, to_timestamp(r.seen_ms / 1000.0) AT TIME ZONE 'UTC', to_timestamp(r.seen_ms / 1000.0) AT TIME ZONE 'UTC'
        FROM unnest(${rows.map(([name]) => name)}::text[], ${rows.map(([, p]) => p.count)}::bigint[], ${rows.map(([, p]) => p.lastSeen)}::bigint[])
          AS r(name, count, seen_ms)
        ON CONFLICT ("project_id", "kind", "name") DO UPDATE
        SET "count" = "catalog_entries"."count" + EXCLUDED."count",
            "last_seen" = GREATEST("catalog_entries"."last_seen", EXCLUDED."last_seen")`;
      for (const [name] of rows) known.add(name);
    } catch (err) {
      log.warn({ err: (err as Error).message, projectId, kind }, 'catalog write failed; will retry');
      const kinds = this.pending.get(projectId) ?? new Map<CatalogKind, Map<string, Pending>>();
      this.pending.set(projectId, kinds);
      const pending = kinds.get(kind) ?? new Map<string, Pending>();
      kinds.set(kind, pending);
      for (const [name, p] of names) add(pending, name, p.count, p.lastSeen);
    }
  }
}

function add(names: Map<string, Pending>, name: string, count: number, at: number): void {
  if (name === '' || name.length > MAX_NAME_LENGTH) return;
  const p = names.get(name);
  if (p) {
    p.count += count;
    if (at > p.lastSeen) p.lastSeen = at;
  } else names.set(name, { count, lastSeen: at });
}
