/**
 * History imports of a sync, as the management API starts and steers them. The Amplitude API key
 * and secret key are sealed with ENCRYPTION_KEY like the Braze keys and never leave this module
 * in a view. A sync runs at most one import at a time (running or paused). Each start or resume
 * queues a job named by the run's generation, so a resumed run gets a fresh job while the one it
 * replaces may still be finishing its last request (lib/import/import-lock keeps them apart).
 */
import { sealSecret } from '@/lib/crypto/secret-box';
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { ExportSourceNotAllowedError, resolveExportBase } from '@/lib/import/export-api';
import { importViewSelect, toImportView, type ImportView } from '@/lib/import/import-view';
import { parseUtcHour, type ImportAction, type StartImportInput } from '@/lib/import/import-schema';
import { importQueue } from '@/lib/queue/queues';
import { loadSecrets } from '@/lib/secrets';
import { AppError, invalidInput, notFound } from '@/lib/http/app-error';

/** Runs listed on the sync page: the latest few. */
const LISTED_RUNS = 5;

export function importJobId(importId: string, generation: number): string {
  return `${importId}-${generation}`;
}

async function queueRun(importId: string, generation: number): Promise<void> {
  await importQueue().add('import', { importId }, { jobId: importJobId(importId, generation) });
}

async function findSync(projectId: string, syncId: string): Promise<void> {
  const sync = await prisma().sync.findFirst({ where: { id: syncId, projectId }, select: { id: true } });
  if (!sync) throw notFound('Sync');
}

export async function startImport(projectId: string, syncId: string, input: StartImportInput): Promise<ImportView> {
  await findSync(projectId, syncId);
  try {
    resolveExportBase(input.region, env().AMPLITUDE_CUSTOM_ENDPOINTS);
  } catch (err) {
    if (err instanceof ExportSourceNotAllowedError) throw invalidInput(err.message, 'region');
    throw err;
  }
  const active = await prisma().importRun.findFirst({ where: { syncId, status: { in: ['RUNNING', 'PAUSED'] } }, select: { id: true } });
  if (active) throw new AppError('import_active', 409, 'This sync already has an import running or paused: cancel it or let it finish first');
  const { encryptionKey } = loadSecrets(env());
  const row = await prisma().importRun.create({
    data: {
      syncId,
      region: input.region,
      startHour: parseUtcHour(input.startHour)!,
      endHour: parseUtcHour(input.endHour)!,
      apiKeyCipher: sealSecret(input.apiKey, encryptionKey),
      secretKeyCipher: sealSecret(input.secretKey, encryptionKey),
      apiKeyLast4: input.apiKey.slice(-4),
      attributesOnly: input.attributesOnly,
      rateShare: input.rateShare,
    },
    select: importViewSelect,
  });
  await queueRun(row.id, row.generation);
  return toImportView(row);
}

export async function listImports(projectId: string, syncId: string): Promise<ImportView[]> {
  await findSync(projectId, syncId);
  const rows = await prisma().importRun.findMany({ where: { syncId }, orderBy: { createdAt: 'desc' }, take: LISTED_RUNS, select: importViewSelect });
  const now = Date.now();
  return rows.map((row) => toImportView(row, now));
}

/** Which statuses each action applies to, and what it makes of them. */
const TRANSITIONS = {
  pause: { from: ['RUNNING'], to: 'PAUSED' },
  resume: { from: ['PAUSED', 'FAILED'], to: 'RUNNING' },
  cancel: { from: ['RUNNING', 'PAUSED', 'FAILED'], to: 'CANCELLED' },
} as const;

export async function steerImport(projectId: string, syncId: string, importId: string, action: ImportAction): Promise<ImportView> {
  await findSync(projectId, syncId);
  const { from, to } = TRANSITIONS[action];
  const data =
    action === 'resume'
      ? { status: to, error: null, generation: { increment: 1 }, finishedAt: null }
      : action === 'cancel'
        ? { status: to, finishedAt: new Date(), pending: [], generation: { increment: 1 } }
        : { status: to };
  const updated = await prisma().importRun.updateMany({ where: { id: importId, syncId, status: { in: [...from] } }, data });
  const row = await prisma().importRun.findFirst({ where: { id: importId, syncId }, select: importViewSelect });
  if (!row) throw notFound('Import');
  if (updated.count === 0) throw new AppError('import_state', 409, `This import is ${row.status.toLowerCase()}: it cannot be ${action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : 'cancelled'} now`);
  // A resumed run goes on; a cancelled one has its archive removed by the worker.
  if (action !== 'pause') await queueRun(row.id, row.generation);
  return toImportView(row);
}
