/**
 * What the syncs command line needs of a place that keeps syncs: this installation's database
 * (`localSyncStore`), or another installation's management API (`remoteSyncStore`). Both answer
 * the API's SyncView, so the commands do not care which one they talk to.
 */
import { ensureDefaultProject } from '@/lib/projects/bootstrap';
import { checkBrazeEndpoint, createSync, deleteSync, listSyncs, setSyncEnabled, updateSync } from '@/lib/syncs/repository';
import type { CreateSyncInput, UpdateSyncInput } from '@/lib/syncs/schema';
import { type SyncView, toSyncView } from '@/lib/syncs/sync-view';

export interface SyncStore {
  list(): Promise<SyncView[]>;
  create(input: CreateSyncInput): Promise<SyncView>;
  update(id: string, input: UpdateSyncInput): Promise<SyncView>;
  /** Enabled, disabled, or with `dryRun` a dry run. */
  setEnabled(id: string, enabled: boolean, dryRun?: boolean): Promise<SyncView>;
  remove(id: string): Promise<void>;
  /** Throws when the endpoint is not allowed here; lets an import check every entry before writing. */
  checkEndpoint(endpoint: string): Promise<void>;
}

/** Syncs of this installation's first (default) project. */
export async function localSyncStore(): Promise<SyncStore> {
  const { id: projectId } = await ensureDefaultProject();
  return {
    list: async () => (await listSyncs(projectId)).map(toSyncView),
    create: async (input) => toSyncView(await createSync(projectId, input)),
    update: async (id, input) => toSyncView(await updateSync(projectId, id, input)),
    setEnabled: async (id, enabled, dryRun = false) => toSyncView(await setSyncEnabled(projectId, id, enabled, dryRun)),
    remove: (id) => deleteSync(projectId, id),
    checkEndpoint: async (endpoint) => {
      checkBrazeEndpoint(endpoint);
    },
  };
}

/** A sync by id, or by its name when exactly one sync has it. */
export function findSync(syncs: SyncView[], idOrName: string): SyncView {
  const byId = syncs.find((s) => s.id === idOrName);
  if (byId) return byId;
  const byName = syncs.filter((s) => s.name === idOrName);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new Error(`${byName.length} syncs are named "${idOrName}"; give the id instead (see \`npm run syncs -- list\`)`);
  throw new Error(`No sync has the id or name "${idOrName}" (see \`npm run syncs -- list\`)`);
}
