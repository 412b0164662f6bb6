/**
 * An import run as the UI and API show it: settings, counts, progress and an ETA, never the
 * credentials (only the API key's last four characters).
 */
import { maskSecret } from '@/lib/crypto/secret-box';
import type { ImportRun } from '@/lib/generated/prisma/client';

export type ImportStatus = ImportRun['status'];

export interface ImportView {
  id: string;
  status: ImportStatus;
  region: string;
  startHour: string;
  endHour: string;
  apiKeyHint: string;
  attributesOnly: boolean;
  rateShare: number;
  eventsRead: number;
  objectsSent: number;
  eventsSkipped: number;
  objectsFailed: number;
  /** Share of the archive read, 0–1; null until it is downloaded. */
  progress: number | null;
  /** Seconds left at the current run's pace; null when unknown or not running. */
  etaSeconds: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export type ImportRunRow = Omit<ImportRun, 'apiKeyCipher' | 'secretKeyCipher' | 'pending'>;

/** The fields a view reads: selects leave the sealed credentials and pending requests out. */
export const importViewSelect = {
  id: true,
  syncId: true,
  status: true,
  region: true,
  startHour: true,
  endHour: true,
  apiKeyLast4: true,
  attributesOnly: true,
  rateShare: true,
  eventsRead: true,
  objectsSent: true,
  eventsSkipped: true,
  objectsFailed: true,
  positionEntry: true,
  positionLine: true,
  bytesDone: true,
  bytesTotal: true,
  runBytesStart: true,
  runStartedAt: true,
  generation: true,
  error: true,
  createdAt: true,
  updatedAt: true,
  finishedAt: true,
} as const;

/** At least this much of a run before its pace says anything about the rest. */
const MIN_PACE_MS = 3_000;

export function etaSecondsOf(row: Pick<ImportRunRow, 'status' | 'bytesDone' | 'bytesTotal' | 'runBytesStart' | 'runStartedAt'>, now: number): number | null {
  if (row.status !== 'RUNNING' || !row.runStartedAt || row.bytesTotal === null) return null;
  const elapsed = now - row.runStartedAt.getTime();
  const done = Number(row.bytesDone - row.runBytesStart);
  if (elapsed < MIN_PACE_MS || done <= 0) return null;
  return Math.ceil((Number(row.bytesTotal - row.bytesDone) / done) * (elapsed / 1000));
}

export function toImportView(row: ImportRunRow, now = Date.now()): ImportView {
  const total = row.bytesTotal === null ? null : Number(row.bytesTotal);
  return {
    id: row.id,
    status: row.status,
    region: row.region,
    startHour: row.startHour.toISOString(),
    endHour: row.endHour.toISOString(),
    apiKeyHint: maskSecret(row.apiKeyLast4),
    attributesOnly: row.attributesOnly,
    rateShare: row.rateShare,
    eventsRead: row.eventsRead,
    objectsSent: row.objectsSent,
    eventsSkipped: row.eventsSkipped,
    objectsFailed: row.objectsFailed,
    progress: row.status === 'COMPLETED' ? 1 : total === null ? null : total === 0 ? 1 : Math.min(1, Number(row.bytesDone) / total),
    etaSeconds: etaSecondsOf(row, now),
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
