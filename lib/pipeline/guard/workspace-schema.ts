/**
 * A Braze workspace's declared custom attributes, for the type guard. `GET /custom_attributes`
 * allows 1,000 requests an hour shared with other export endpoints, so the list is kept in
 * Postgres per workspace (all workers share it) and refreshed at most hourly: the worker that
 * finds it stale claims the refresh in one conditional upsert, and the others go on with what
 * is stored. A key without the permission (401/403) is remembered as such for the hour too.
 */
import { createHash } from 'node:crypto';
import { exportCustomAttributes, readDataType, type AttributeRule, type DeclaredAttribute } from '@/lib/braze/attribute-guard';
import type { FetchLike } from '@/lib/braze';
import { prisma } from '@/lib/db/prisma';
import { childLogger } from '@/lib/log/logger';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import { z } from 'zod';

const log = childLogger('attribute-guard');

export const REFRESH_MS = 3_600_000;
/** After a failed read (network, 5xx), try again this much sooner than an hour. */
const RETRY_AFTER_FAILURE_MS = 5 * 60_000;
/** How long one process reuses what it read before asking Postgres again. */
const MEMO_MS = 30_000;
/** A workspace's first read, still in progress elsewhere, is waited for this long (then first types apply). */
const FIRST_READ_WAIT_MS = 5_000;
const FIRST_READ_POLL_MS = 100;
/** A first read that never finished (its worker died) is claimed again after this. */
const ABANDONED_MS = 60_000;

export type WorkspaceSchema =
  | { mode: 'declared'; rules: ReadonlyMap<string, AttributeRule>; fetchedAt: Date }
  | { mode: 'first_type'; fetchedAt: Date };

export type SchemaSource = {
  fetch: FetchLike;
  timeoutMs: number;
  allowedEndpoints: readonly string[];
  now?: () => number;
};

/** The workspace a sync sends to: its endpoint and key, hashed so the key is never stored again. */
export function workspaceKeyOf(sync: Pick<RuntimeSync, 'brazeEndpoint' | 'restApiKey'>): string {
  return createHash('sha256').update(`${sync.brazeEndpoint}\n${sync.restApiKey}`).digest('hex');
}

const storedSchema = z.array(
  z.object({ name: z.string(), dataType: z.string(), arrayLength: z.number().nullable(), blocklisted: z.boolean() }),
);

function toSchema(row: { mode: string; attributes: unknown; fetchedAt: Date }): WorkspaceSchema {
  if (row.mode !== 'declared') return { mode: 'first_type', fetchedAt: row.fetchedAt };
  const rules = new Map<string, AttributeRule>();
  for (const a of storedSchema.catch([]).parse(row.attributes)) {
    rules.set(a.name, { type: readDataType(a.dataType), arrayLength: a.arrayLength, blocklisted: a.blocklisted, source: 'declared' });
  }
  return { mode: 'declared', rules, fetchedAt: row.fetchedAt };
}

/**
 * Claims the refresh when the stored list is missing or an hour old (or a first read was
 * abandoned); true for the one claimant. A workspace never read yet is `pending` until then;
 * a stale one keeps its list while it is read again.
 */
async function claimRefresh(key: string, now: Date): Promise<boolean> {
  const staleBefore = new Date(now.getTime() - REFRESH_MS);
  const abandonedBefore = new Date(now.getTime() - ABANDONED_MS);
  const claimed = await prisma().$queryRaw<{ workspace_key: string }[]>`
    INSERT INTO braze_attribute_schemas (workspace_key, mode, attributes, fetched_at)
    VALUES (${key}, 'pending', '[]'::jsonb, ${now})
    ON CONFLICT (workspace_key) DO UPDATE SET fetched_at = ${now}
    WHERE braze_attribute_schemas.fetched_at < ${staleBefore}
       OR (braze_attribute_schemas.mode = 'pending' AND braze_attribute_schemas.fetched_at < ${abandonedBefore})
    RETURNING workspace_key`;
  return claimed.length > 0;
}

async function refresh(key: string, sync: RuntimeSync, source: SchemaSource, now: Date): Promise<void> {
  const result = await exportCustomAttributes({
    baseUrl: sync.brazeEndpoint,
    apiKey: sync.restApiKey,
    fetch: source.fetch,
    timeoutMs: source.timeoutMs,
    allowedEndpoints: source.allowedEndpoints,
  });
  if (result.kind === 'failed') {
    log.warn({ syncId: sync.id, reason: result.reason }, 'declared custom attributes not read; the stored list is kept');
    const retryAt = new Date(now.getTime() - REFRESH_MS + RETRY_AFTER_FAILURE_MS);
    // Never read yet: first types guard meanwhile.
    await prisma().brazeAttributeSchema.updateMany({ where: { workspaceKey: key, mode: 'pending' }, data: { mode: 'first_type' } });
    await prisma().brazeAttributeSchema.update({ where: { workspaceKey: key }, data: { fetchedAt: retryAt } });
    return;
  }
  const attributes: DeclaredAttribute[] = result.kind === 'declared' ? result.attributes : [];
  const mode = result.kind === 'declared' ? 'declared' : 'first_type';
  await prisma().brazeAttributeSchema.update({ where: { workspaceKey: key }, data: { mode, attributes, fetchedAt: now } });
}

/** Records on the sync how the guard works for it, for its page (raw SQL: not a settings change). */
async function noteGuardMode(syncId: string, schema: WorkspaceSchema): Promise<void> {
  await prisma().$executeRaw`
    UPDATE syncs SET attribute_guard_mode = ${schema.mode}, attribute_guard_checked_at = ${schema.fetchedAt}
    WHERE id = ${syncId} AND (attribute_guard_mode IS DISTINCT FROM ${schema.mode} OR attribute_guard_checked_at IS DISTINCT FROM ${schema.fetchedAt})`;
}

export class WorkspaceSchemas {
  private memo = new Map<string, { at: number; value: Promise<WorkspaceSchema> }>();

  constructor(private readonly source: SchemaSource) {}

  /** The sync's workspace schema, refreshed when an hour old. */
  load(sync: RuntimeSync): Promise<WorkspaceSchema> {
    const now = this.source.now ?? Date.now;
    const key = workspaceKeyOf(sync);
    const memoKey = `${sync.id}\n${key}`;
    const hit = this.memo.get(memoKey);
    if (hit && now() - hit.at < MEMO_MS) return hit.value;
    const value = this.read(key, sync, new Date(now()));
    this.memo.set(memoKey, { at: now(), value });
    value.catch(() => this.memo.delete(memoKey));
    return value;
  }

  private async read(key: string, sync: RuntimeSync, now: Date): Promise<WorkspaceSchema> {
    if (await claimRefresh(key, now)) await refresh(key, sync, this.source, now);
    let row = await prisma().brazeAttributeSchema.findUniqueOrThrow({ where: { workspaceKey: key } });
    // Another worker is reading this workspace for the first time: its answer is a moment away.
    for (let waited = 0; row.mode === 'pending' && waited < FIRST_READ_WAIT_MS; waited += FIRST_READ_POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, FIRST_READ_POLL_MS));
      row = await prisma().brazeAttributeSchema.findUniqueOrThrow({ where: { workspaceKey: key } });
    }
    if (row.mode === 'pending') return { mode: 'first_type', fetchedAt: row.fetchedAt };
    const schema = toSchema(row);
    await noteGuardMode(sync.id, schema);
    return schema;
  }
}
