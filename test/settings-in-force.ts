/**
 * Waits until a sync's last change is in force in every worker: a worker keeps a sync's settings
 * for `TTL_MS` after loading them (lib/syncs/runtime.ts), so once that long has passed since the
 * row was last written, every copy loaded before the change has expired. A condition on the
 * stored change time, not a sleep guessed to be long enough.
 */
import { prisma } from '@/lib/db/prisma';
import { TTL_MS } from '@/lib/syncs/runtime';
import { waitFor } from '@/test/processes';

export async function waitForSettingsInForce(syncId: string): Promise<void> {
  const { updatedAt } = await prisma().sync.findUniqueOrThrow({ where: { id: syncId }, select: { updatedAt: true } });
  await waitFor(() => Date.now() - updatedAt.getTime() > TTL_MS, { what: `the settings of sync ${syncId} to be in force`, timeoutMs: TTL_MS + 10_000 });
}
