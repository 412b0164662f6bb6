/**
 * The runner's side of an import run in Postgres: what it reads at start, and each step of
 * progress. Every write is conditional on the run still being this runner's (running, same
 * generation): a run paused, cancelled or resumed meanwhile turns the write into a no-op and the
 * runner stops. Read position, counts and the requests built from the events read are written
 * together, so a restart resumes exactly there: it sends the requests left, then reads on.
 */
import { z } from 'zod';
import { prisma } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
import { deliverItemSchema, type DeliverItem } from '@/lib/queue/contracts';
import type { ExportPosition } from '@/lib/import/export-lines';

const pendingSchema = z.array(z.array(deliverItemSchema));
export type PendingRequests = DeliverItem[][];

export interface ImportWork {
  id: string;
  syncId: string;
  generation: number;
  status: string;
  region: string;
  startHour: Date;
  endHour: Date;
  apiKeyCipher: string;
  secretKeyCipher: string;
  attributesOnly: boolean;
  rateShare: number;
  position: ExportPosition;
  bytesDone: number;
  pending: PendingRequests;
}

export async function loadImportWork(id: string): Promise<ImportWork | null> {
  const row = await prisma().importRun.findUnique({ where: { id } });
  if (!row) return null;
  return {
    id: row.id,
    syncId: row.syncId,
    generation: row.generation,
    status: row.status,
    region: row.region,
    startHour: row.startHour,
    endHour: row.endHour,
    apiKeyCipher: row.apiKeyCipher,
    secretKeyCipher: row.secretKeyCipher,
    attributesOnly: row.attributesOnly,
    rateShare: row.rateShare,
    position: { entry: row.positionEntry, line: row.positionLine },
    bytesDone: Number(row.bytesDone),
    pending: pendingSchema.parse(row.pending),
  };
}

export type RunRef = Pick<ImportWork, 'id' | 'generation'>;

async function updateOwn(run: RunRef, data: Parameters<ReturnType<typeof prisma>['importRun']['updateMany']>[0]['data']): Promise<boolean> {
  const { count } = await prisma().importRun.updateMany({ where: { id: run.id, generation: run.generation, status: 'RUNNING' }, data });
  return count === 1;
}

/** The archive is on disk: its size, and the pace of this run counts from here. */
export function beginRun(run: RunRef, bytesTotal: number, bytesDone: number): Promise<boolean> {
  return updateOwn(run, { bytesTotal: BigInt(bytesTotal), runBytesStart: BigInt(bytesDone), runStartedAt: new Date() });
}

export interface BatchRead {
  position: ExportPosition;
  bytesDone: number;
  read: number;
  skipped: number;
  invalid: number;
  pending: PendingRequests;
}

export function recordBatchRead(run: RunRef, batch: BatchRead): Promise<boolean> {
  return updateOwn(run, {
    positionEntry: batch.position.entry,
    positionLine: batch.position.line,
    bytesDone: BigInt(batch.bytesDone),
    eventsRead: { increment: batch.read },
    eventsSkipped: { increment: batch.skipped },
    objectsFailed: { increment: batch.invalid },
    pending: batch.pending as Prisma.InputJsonValue,
  });
}

/** The first pending request got Braze's final answer: `sent` accepted, `failed` refused. */
export function recordRequestDone(run: RunRef, rest: PendingRequests, counts: { sent: number; failed: number }): Promise<boolean> {
  return updateOwn(run, { pending: rest as Prisma.InputJsonValue, objectsSent: { increment: counts.sent }, objectsFailed: { increment: counts.failed } });
}

export function finishRun(run: RunRef, outcome: { status: 'COMPLETED' } | { status: 'FAILED'; error: string }): Promise<boolean> {
  return updateOwn(run, {
    status: outcome.status,
    error: outcome.status === 'FAILED' ? outcome.error : null,
    finishedAt: new Date(),
  });
}

/** Whether the run is still this runner's to continue. */
export async function isStillOwn(run: RunRef): Promise<boolean> {
  const row = await prisma().importRun.findUnique({ where: { id: run.id }, select: { status: true, generation: true } });
  return row?.status === 'RUNNING' && row.generation === run.generation;
}

/** After the queue gave up on the run's job (its last attempt failed): the run stops, resumable. */
export async function failRunningImport(id: string, error: string): Promise<void> {
  await prisma().importRun.updateMany({ where: { id, status: 'RUNNING' }, data: { status: 'FAILED', error, finishedAt: new Date() } });
}
