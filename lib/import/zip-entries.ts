/**
 * Reads a zip archive from a file on disk (PKWARE APPNOTE 6.3.x). The central directory at the
 * end of the archive lists every entry with its sizes and where its local header is, which a
 * reader of the archive as a stream would only learn after each entry's data (the Export API's
 * archives put sizes in data descriptors). So the archive is first written to disk, and each entry
 * is then read as a stream of its own: memory stays bounded whatever the archive's size.
 * Stored (0) and deflated (8) entries are read; ZIP64 is refused, as the Export API refuses
 * exports over 4 GB.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(`The archive is not a readable zip file: ${message}`);
    this.name = 'ZipFormatError';
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record is 22 bytes plus a comment of up to 65,535. */
const MAX_END_RECORD = 22 + 0xffff;
const ZIP64_MARK = 0xffffffff;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead < length) throw new ZipFormatError('it ends early');
  return buffer;
}

/** The file entries of the archive at `path` (folders left out), in the central directory's order. */
export async function readZipEntries(path: string): Promise<ZipEntry[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, MAX_END_RECORD);
    const tail = await readAt(file, size - tailLength, tailLength);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new ZipFormatError('no end of central directory');
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (count === 0xffff || directorySize === ZIP64_MARK || directoryOffset === ZIP64_MARK) {
      throw new ZipFormatError('ZIP64 archives (over 4 GB) are not supported; import a shorter time range');
    }
    if (directoryOffset + directorySize > size) throw new ZipFormatError('the central directory lies outside the file');
    return parseCentralDirectory(await readAt(file, directoryOffset, directorySize), count);
  } finally {
    await file.close();
  }
}

function parseCentralDirectory(directory: Buffer, count: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipFormatError(`entry ${n + 1} of the central directory is damaged`);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name,
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    if (entry.compressedSize === ZIP64_MARK || entry.localHeaderOffset === ZIP64_MARK) {
      throw new ZipFormatError('ZIP64 entries (over 4 GB) are not supported; import a shorter time range');
    }
    if (!name.endsWith('/')) entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export interface EntryStream {
  /** The entry's uncompressed content. */
  stream: Readable;
  /** Bytes of the archive read for this entry so far (for progress). */
  bytesRead: () => number;
}

/** A stream of one entry's content, read from the archive file. */
export async function openZipEntry(path: string, entry: ZipEntry): Promise<EntryStream> {
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`entry ${entry.name} uses compression method ${entry.method}`);
  const file = await open(path, 'r');
  let header: Buffer;
  try {
    header = await readAt(file, entry.localHeaderOffset, 30);
  } finally {
    await file.close();
  }
  if (header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFormatError(`the local header of ${entry.name} is damaged`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) return { stream: Readable.from([]), bytesRead: () => 0 };
  let read = 0;
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 64 * 1024 });
  raw.on('data', (chunk) => (read += chunk.length));
  const stream = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  if (entry.method === 8) raw.on('error', (err) => stream.destroy(err));
  return { stream, bytesRead: () => read };
}
