/**
 * Runs one history import from where it stands: downloads the export archive once (kept on disk
 * under DATA_DIR/imports until the import ends), sends the requests already built from the events
 * read, then reads on in batches. Each step's progress is in Postgres before the next, so a
 * restart resumes without reading or sending anything twice (see import-progress). Stops when
 * the run is paused, cancelled or resumed by a newer job, or the worker shuts down.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { RedisClient } from '@/lib/queue/connection';
import { openSecret } from '@/lib/crypto/secret-box';
import { convertExportLines } from '@/lib/import/export-event';
import { ExportSourceNotAllowedError, exportRequestOf, resolveExportBase } from '@/lib/import/export-api';
import { openExportArchive, readExportLines, type ExportLine } from '@/lib/import/export-lines';
import { downloadExport } from '@/lib/import/download-export';
import { ImportFailure } from '@/lib/import/import-failure';
import { buildImportBatch, type BatchContext } from '@/lib/import/import-batch';
import { takeImportLock } from '@/lib/import/import-lock';
import { beginRun, finishRun, isStillOwn, loadImportWork, recordBatchRead, recordRequestDone, type BatchRead, type ImportWork, type PendingRequests } from '@/lib/import/import-progress';
import type { ImportSend } from '@/lib/import/import-sender';
import { sendPendingRequest } from '@/lib/import/send-pending';
import { ZipFormatError } from '@/lib/import/zip-entries';
import type { Partitions } from '@/lib/queue/partitions';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export interface ImportRunnerDeps {
  redis: RedisClient;
  /** QUEUE_PREFIX: the import's lock. */
  prefix: string;
  /** Where live traffic keeps each user's claims and attribute cache. */
  partitions: Partitions;
  dataDir: string;
  customEndpoints: readonly string[];
  encryptionKey: Buffer;
  previousEncryptionKeys: readonly Buffer[];
  loadSync: (id: string) => Promise<RuntimeSync | null>;
  send: ImportSend;
  /** How long the import's lock lives without renewal (a dead runner's is free after it). */
  lockMs: number;
  /** True once the worker is shutting down: the run stops after the request in flight. */
  stopping: () => boolean;
  onLockRenewalError: (err: Error) => void;
  fetch?: typeof fetch;
}

/** done: finished, failed or no longer this job's; interrupted: shutdown, to run again; busy: another runner holds it. */
export type RunResult = 'done' | 'interrupted' | 'busy';

/** Events read per step: one user-model round trip and one progress write each. */
export const IMPORT_BATCH_EVENTS = 500;

export function archivePathOf(dataDir: string, importId: string): string {
  return path.join(dataDir, 'imports', `${importId}.zip`);
}

export async function runImport(importId: string, deps: ImportRunnerDeps): Promise<RunResult> {
  const lock = await takeImportLock(deps.redis, deps.prefix, importId, { lockMs: deps.lockMs, waitMs: deps.lockMs + 5_000 }, deps.onLockRenewalError);
  if (!lock) return 'busy';
  try {
    const run = await loadImportWork(importId);
    if (!run) return 'done';
    // A cancelled run's job comes to remove its archive.
    if (run.status === 'CANCELLED') await rm(archivePathOf(deps.dataDir, run.id), { force: true });
    if (run.status !== 'RUNNING') return 'done';
    try {
      return await continueRun(run, deps);
    } catch (err) {
      if (!(err instanceof ImportFailure || err instanceof ExportSourceNotAllowedError || err instanceof ZipFormatError)) throw err;
      if (err instanceof ZipFormatError) await rm(archivePathOf(deps.dataDir, run.id), { force: true });
      await finishRun(run, { status: 'FAILED', error: err.message });
      return 'done';
    }
  } finally {
    await lock.release();
  }
}

async function continueRun(run: ImportWork, deps: ImportRunnerDeps): Promise<RunResult> {
  const sync = await deps.loadSync(run.syncId);
  if (!sync) return 'done'; // The sync was deleted, and its imports with it.
  if (sync.configurationProblem) throw new ImportFailure(sync.configurationProblem);
  if (run.attributesOnly && !sync.sendUsers) {
    throw new ImportFailure('This sync does not send users (Send Users is off), so an import of attributes only has nothing to send');
  }
  const file = archivePathOf(deps.dataDir, run.id);
  if (!existsSync(file)) {
    const base = resolveExportBase(run.region, deps.customEndpoints);
    const open = (sealed: string) => openSecret(sealed, deps.encryptionKey, deps.previousEncryptionKeys);
    const request = exportRequestOf(base, run.startHour, run.endHour, open(run.apiKeyCipher), open(run.secretKeyCipher));
    if (!(await downloadExport(request, file, deps.fetch))) {
      await beginRun(run, 0, 0);
      await finishRun(run, { status: 'COMPLETED' });
      return 'done';
    }
  }
  const archive = await openExportArchive(file);
  if (!(await beginRun(run, archive.totalBytes, run.bytesDone))) return 'done';

  const shouldStop = async () => deps.stopping() || !(await isStillOwn(run));
  const sending = { redis: deps.redis, partitions: deps.partitions, sync, sharePercent: run.rateShare, send: deps.send, shouldStop };
  const lines = readExportLines(file, archive, run.position);
  let pending: PendingRequests = run.pending;
  try {
    for (;;) {
      while (pending.length > 0) {
        const result = await sendPendingRequest(sending, pending[0]!);
        if (result === 'stopped') return deps.stopping() ? 'interrupted' : 'done';
        pending = pending.slice(1);
        if (!(await recordRequestDone(run, pending, result))) return 'done';
      }
      if (deps.stopping()) return 'interrupted';
      if (!(await isStillOwn(run))) return 'done';
      const batch = await buildNextBatch(lines, { redis: deps.redis, partitions: deps.partitions, sync, attributesOnly: run.attributesOnly });
      if (!batch) break;
      pending = batch.pending;
      if (!(await recordBatchRead(run, batch))) return 'done';
    }
  } finally {
    await lines.return(undefined);
  }
  if (await finishRun(run, { status: 'COMPLETED' })) await rm(file, { force: true });
  return 'done';
}

/**
 * Reads the next batch and builds its requests; null at the end of the archive. Its lines and
 * events live only in this step: what outlives it is the requests and the position, so nothing
 * of a batch is held while its requests wait for the import's share of the rate limit.
 */
async function buildNextBatch(lines: AsyncGenerator<ExportLine>, ctx: BatchContext): Promise<BatchRead | null> {
  const texts: string[] = [];
  let after: Pick<ExportLine, 'after' | 'bytesDone'> | null = null;
  while (texts.length < IMPORT_BATCH_EVENTS) {
    const next = await lines.next();
    if (next.done) break;
    texts.push(next.value.text);
    after = { after: next.value.after, bytesDone: next.value.bytesDone };
  }
  if (!after) return null;
  const converted = convertExportLines(texts);
  const read = texts.length;
  // The lines' text is not needed once parsed: only the events are, while the batch is built.
  texts.length = 0;
  const built = await buildImportBatch(ctx, converted.events);
  return { position: after.after, bytesDone: after.bytesDone, read, skipped: built.skipped, invalid: converted.invalid + built.invalid, pending: built.requests };
}
