/**
 * A streaming zip writer (PKWARE APPNOTE 6.3.x): each entry's local header is written before its
 * data, with sizes and CRC in a data descriptor after it (general-purpose flag bit 3), and the
 * central directory at the end. So an archive of any size is produced without holding an entry
 * in memory, as Amplitude's Export API streams its archive. Entries are stored (method 0) or
 * deflated (method 8). No ZIP64: the Export API refuses exports over 4 GB.
 */
import { crc32, createDeflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';

export type ZipMethod = 'stored' | 'deflate';

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const DATA_DESCRIPTOR_FLAG = 0x0008;
const UTF8_NAME_FLAG = 0x0800;
/** 1980-01-01 00:00, the earliest DOS time: the fake's archives are byte-for-byte reproducible. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** Yields the archive's bytes: `entries` gives each entry's name and a stream of its content. */
export async function* writeZip(entries: AsyncIterable<{ name: string; content: Readable }>, method: ZipMethod = 'stored'): AsyncGenerator<Buffer> {
  const written: Written[] = [];
  let offset = 0;
  const code = method === 'stored' ? 0 : 8;
  for await (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(DATA_DESCRIPTOR_FLAG | UTF8_NAME_FLAG, 6);
    header.writeUInt16LE(code, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(name.length, 26);
    yield Buffer.concat([header, name]);
    const start = offset;
    offset += header.length + name.length;
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = code === 8 ? createDeflateRaw() : null;
    const source: AsyncIterable<Buffer> = deflate ? entry.content.on('data', (chunk: Buffer) => {
      crc = crc32(chunk, crc);
      size += chunk.length;
    }).pipe(deflate) : entry.content;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (!deflate) {
        crc = crc32(chunk, crc);
        size += chunk.length;
      }
      compressed += chunk.length;
      yield chunk;
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    yield descriptor;
    offset += compressed + descriptor.length;
    written.push({ name, method: code, crc, compressed, size, offset: start });
  }
  yield* centralDirectory(written, offset);
}

function* centralDirectory(written: Written[], start: number): Generator<Buffer> {
  let size = 0;
  for (const w of written) {
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(DATA_DESCRIPTOR_FLAG | UTF8_NAME_FLAG, 8);
    header.writeUInt16LE(w.method, 10);
    header.writeUInt16LE(DOS_DATE, 14);
    header.writeUInt32LE(w.crc >>> 0, 16);
    header.writeUInt32LE(w.compressed, 20);
    header.writeUInt32LE(w.size, 24);
    header.writeUInt16LE(w.name.length, 28);
    header.writeUInt32LE(w.offset, 42);
    size += header.length + w.name.length;
    yield Buffer.concat([header, w.name]);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(start, 16);
  yield end;
}
