/**
 * The lines of an Export API archive, hour by hour, from a saved position. The archive holds
 * one gzipped JSON-lines file per hour, or several parts of one (`<project>_<YYYY-MM-DD>_<H>#<part>.json.gz`);
 * names sort hour 10 before hour 9, so entries are ordered by the date, hour and part in their
 * names. Each entry is read as a stream, a line at a time, so memory holds one chunk and one line.
 */
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { openZipEntry, readZipEntries, ZipFormatError, type ZipEntry } from '@/lib/import/zip-entries';

export interface ExportPosition {
  /** Index of the entry in hour order. */
  entry: number;
  /** Lines of that entry already read. */
  line: number;
}

export interface ExportLine {
  text: string;
  /** The position just after this line. */
  after: ExportPosition;
  /** Archive bytes read up to this line (compressed), for progress. */
  bytesDone: number;
}

const ENTRY_NAME = /_(\d{4}-\d{2}-\d{2})_(\d{1,2})#(\d+)\.json(\.gz)?$/;

/** Sort key of an entry: its hour and part when the name says them, else the name itself. */
function orderKey(name: string): string {
  const m = ENTRY_NAME.exec(name);
  return m ? `${m[1]}T${m[2]!.padStart(2, '0')}#${m[3]!.padStart(6, '0')}` : `~${name}`;
}

export function inHourOrder(entries: readonly ZipEntry[]): ZipEntry[] {
  return [...entries].sort((a, b) => (orderKey(a.name) < orderKey(b.name) ? -1 : orderKey(a.name) > orderKey(b.name) ? 1 : 0));
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** Splits a stream of bytes into lines without holding more than a chunk and a line. */
async function* linesOf(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  // A character split between two chunks is decoded once both are in.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk);
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}

export interface ExportArchive {
  entries: ZipEntry[];
  /** Compressed bytes of all entries. */
  totalBytes: number;
}

export async function openExportArchive(path: string): Promise<ExportArchive> {
  const entries = inHourOrder(await readZipEntries(path));
  return { entries, totalBytes: entries.reduce((n, e) => n + e.compressedSize, 0) };
}

/** Every line from `from` on (blank lines are counted in positions, not yielded). */
export async function* readExportLines(path: string, archive: ExportArchive, from: ExportPosition): AsyncGenerator<ExportLine> {
  let before = archive.entries.slice(0, from.entry).reduce((n, e) => n + e.compressedSize, 0);
  for (let index = from.entry; index < archive.entries.length; index++) {
    const entry = archive.entries[index]!;
    const opened = await openZipEntry(path, entry);
    // Hours are gzipped JSON lines; a plain `.json` entry is read as it is.
    const content = entry.name.endsWith('.gz') ? opened.stream.pipe(createGunzip()) : opened.stream;
    if (content !== opened.stream) opened.stream.on('error', (err) => content.destroy(err));
    const skip = index === from.entry ? from.line : 0;
    let line = 0;
    try {
      for await (const text of linesOf(content)) {
        line++;
        if (line <= skip || text.trim() === '') continue;
        yield { text, after: { entry: index, line }, bytesDone: before + opened.bytesRead() };
      }
    } catch (err) {
      // Damaged compressed data will not read better on a retry.
      if (isZlibError(err)) throw new ZipFormatError(`entry ${entry.name} is damaged (${(err as Error).message})`);
      throw err;
    } finally {
      content.destroy();
      opened.stream.destroy();
    }
    before += entry.compressedSize;
  }
}
