/**
 * Syncs as code: the JSON that `npm run syncs -- export` prints and `import` applies. An entry is
 * the setup form's values without the REST API key (secrets are never exported), so it is
 * validated by the form's own schemas (lib/syncs/schema) and nothing else.
 */
import { z } from 'zod';
import type { SyncView } from '@/lib/syncs/sync-view';
import { createSyncSchema, type CreateSyncInput, type SyncFormValues, type UpdateSyncInput, updateSyncSchema } from '@/lib/syncs/schema';

export const SYNC_CONFIG_VERSION = 1;

/** One sync's settings as exported: every setting of the wizard, no secret. */
export type SyncConfig = Omit<SyncFormValues, 'restApiKey'>;

export interface SyncConfigFile {
  version: typeof SYNC_CONFIG_VERSION;
  syncs: SyncConfig[];
}

/** Entries stay unknown here: each is checked by the sync schemas themselves, with its key. */
const syncConfigFileSchema = z.object({
  version: z.literal(SYNC_CONFIG_VERSION, { error: `"version" must be ${SYNC_CONFIG_VERSION}` }),
  syncs: z.array(z.record(z.string(), z.unknown()), { error: '"syncs" must be a list of sync objects' }),
});

export function toSyncConfig(sync: SyncView): SyncConfig {
  return {
    name: sync.name,
    enabled: sync.enabled,
    ...(sync.dryRun ? { dryRun: true } : {}),
    brazeEndpoint: sync.brazeEndpoint,
    ...(sync.appId ? { appId: sync.appId } : {}),
    identifierProperty: sync.identifierProperty,
    identifierType: sync.identifierType,
    ...(sync.aliasLabel ? { aliasLabel: sync.aliasLabel } : {}),
    updateUsersOnly: sync.updateUsersOnly,
    forwardDeletions: sync.forwardDeletions,
    sendEvents: sync.sendEvents,
    eventSelection: sync.eventSelection,
    eventProperties: sync.eventProperties,
    sendUsers: sync.sendUsers,
    userProperties: sync.userProperties,
    objectLimitMode: sync.objectLimitMode,
    subscriptions: sync.subscriptions,
    revenue: sync.revenue,
    sendAnonymousUsers: sync.sendAnonymousUsers,
    anonymousAliasLabel: sync.anonymousAliasLabel,
  };
}

export function toSyncConfigFile(syncs: SyncView[]): SyncConfigFile {
  return { version: SYNC_CONFIG_VERSION, syncs: syncs.map(toSyncConfig) };
}

export type ImportStep =
  | { action: 'create'; name: string; input: CreateSyncInput }
  | { action: 'update'; name: string; id: string; input: UpdateSyncInput }
  | { action: 'delete'; name: string; id: string };

export interface ImportOptions {
  /** Key of new syncs whose entry has no `restApiKey`. */
  defaultRestApiKey?: string;
  /** Also delete the stored syncs the file does not name, so the file is the whole truth. */
  prune?: boolean;
}

export class SyncConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The sync configuration was not applied:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SyncConfigError';
  }
}

function issueLines(label: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${label}${i.path.length ? ` ${i.path.join('.')}` : ''}: ${i.message}`);
}

/**
 * Matches the file's syncs to the stored ones by name and validates every entry before anything
 * is written, so a file with one mistake changes nothing. A new sync needs a REST API key: its
 * `restApiKey` in the file, else `defaultRestApiKey`. An existing sync keeps its stored key unless
 * the file gives one. With `prune`, stored syncs the file does not name are deleted, last.
 */
export function planSyncImport(file: unknown, existing: Pick<SyncView, 'id' | 'name'>[], { defaultRestApiKey, prune = false }: ImportOptions = {}): ImportStep[] {
  const parsed = syncConfigFileSchema.safeParse(file);
  if (!parsed.success) throw new SyncConfigError(issueLines('file', parsed.error));
  const problems: string[] = [];
  const steps: ImportStep[] = [];
  const seen = new Set<string>();
  parsed.data.syncs.forEach((entry, index) => {
    const label = `syncs[${index}]${typeof entry.name === 'string' ? ` "${entry.name}"` : ''}`;
    const name = typeof entry.name === 'string' ? entry.name.trim() : '';
    if (seen.has(name)) problems.push(`${label}: the name is used twice in the file; sync names identify syncs`);
    seen.add(name);
    const matches = existing.filter((s) => s.name === name);
    if (matches.length > 1) {
      problems.push(`${label}: ${matches.length} stored syncs have this name; rename them so each name is used once`);
      return;
    }
    const match = matches[0];
    if (match) {
      const result = updateSyncSchema.strict().safeParse(entry);
      if (result.success) steps.push({ action: 'update', name, id: match.id, input: result.data });
      else problems.push(...issueLines(label, result.error));
    } else {
      const result = createSyncSchema.strict().safeParse({ ...entry, restApiKey: entry.restApiKey ?? defaultRestApiKey });
      if (result.success) steps.push({ action: 'create', name, input: result.data });
      else problems.push(...issueLines(label, result.error).map((p) => (p.includes(' restApiKey:') ? `${p} (give "restApiKey" in the file or --rest-api-key)` : p)));
    }
  });
  if (problems.length > 0) throw new SyncConfigError(problems);
  if (prune) {
    for (const sync of existing) if (!seen.has(sync.name)) steps.push({ action: 'delete', name: sync.name, id: sync.id });
  }
  return steps;
}
