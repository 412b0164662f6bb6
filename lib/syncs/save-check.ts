/**
 * Save runs Test connection on what it saved. A sync Braze would refuse is still saved (a person
 * may fix the key on Braze's side next), but the answer says why it will not send yet, and the
 * form shows it, rather than the sync pausing itself minutes later with events piling up.
 */
import type { ConnectionProblem } from '@/lib/braze';
import { prisma } from '@/lib/db/prisma';
import type { PublicSync } from '@/lib/syncs/repository';
import { openSyncCredentials } from '@/lib/syncs/sync-credentials';
import { toSyncView, type SyncView } from '@/lib/syncs/sync-view';
import { testSyncConnection } from '@/lib/syncs/test-connection';

export interface SaveWarning {
  problem: ConnectionProblem | 'stored_key_unreadable';
  message: string;
}

/** A saved sync as POST and PUT answer it: with what Test connection found, when it failed. */
export type SavedSyncView = SyncView & { connectionWarning: SaveWarning | null };

/** `typedKey`: the key of the request; when blank the stored one is tested. */
export async function checkSavedSync(projectId: string, sync: PublicSync, typedKey: string | undefined): Promise<SavedSyncView> {
  let restApiKey = typedKey;
  if (!restApiKey) {
    const stored = await prisma().sync.findUniqueOrThrow({ where: { id: sync.id }, select: { brazeEndpoint: true, restApiKeyCipher: true } });
    const credentials = openSyncCredentials(stored);
    if (!credentials.ok) return { ...toSyncView(sync), connectionWarning: { problem: 'stored_key_unreadable', message: `${credentials.problem}.` } };
    restApiKey = credentials.restApiKey;
  }
  const result = await testSyncConnection(projectId, { brazeEndpoint: sync.brazeEndpoint, restApiKey });
  return { ...toSyncView(sync), connectionWarning: result.ok ? null : { problem: result.problem, message: result.message } };
}
