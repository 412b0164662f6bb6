import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inHourOrder, openExportArchive, readExportLines, type ExportPosition } from '@/lib/import/export-lines';
import { readZipEntries, ZipFormatError } from '@/lib/import/zip-entries';
import { writeZip, type ZipMethod } from '@/test/fakes/amplitude-export';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'export-lines-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a zip of gzipped files, each given as its lines, with the streaming writer of the fake Export API. */
async function archiveOf(files: Record<string, string[]>, method: ZipMethod): Promise<string> {
  const file = path.join(dir, `${Object.keys(files).length}-${method}-${Math.random().toString(36).slice(2)}.zip`);
  const entries = (async function* () {
    for (const [name, lines] of Object.entries(files)) yield { name, content: Readable.from([gzipSync(lines.join('\n'))]) };
  })();
  await pipeline(Readable.from(writeZip(entries, method)), createWriteStream(file));
  return file;
}

async function readAll(file: string, from: ExportPosition = { entry: 0, line: 0 }) {
  const archive = await openExportArchive(file);
  const out: { text: string; after: ExportPosition }[] = [];
  for await (const line of readExportLines(file, archive, from)) out.push({ text: line.text, after: line.after });
  return out;
}

const HOURS = {
  '123/123_2026-03-01_10#1.json.gz': ['{"h":10,"p":1}'],
  '123/123_2026-03-01_9#2.json.gz': ['{"h":9,"p":2}'],
  '123/123_2026-03-01_9#1.json.gz': ['{"h":9,"p":1,"n":1}', '', '{"h":9,"p":1,"n":2}'],
  '123/123_2026-02-28_23#1.json.gz': ['{"h":-1}'],
};

describe.each<ZipMethod>(['stored', 'deflate'])('export archive (%s entries)', (method) => {
  it('reads every line, hour by hour and part by part, whatever the names sort as', async () => {
    const file = await archiveOf(HOURS, method);
    const lines = await readAll(file);
    expect(lines.map((l) => l.text)).toEqual(['{"h":-1}', '{"h":9,"p":1,"n":1}', '{"h":9,"p":1,"n":2}', '{"h":9,"p":2}', '{"h":10,"p":1}']);
    // The blank line counts in positions, so a resume skips exactly what was read.
    expect(lines[2]!.after).toEqual({ entry: 1, line: 3 });
  });

  it('resumes after a saved position without repeating a line', async () => {
    const file = await archiveOf(HOURS, method);
    const all = await readAll(file);
    for (let i = 0; i < all.length; i++) {
      const rest = await readAll(file, all[i]!.after);
      expect(rest.map((l) => l.text)).toEqual(all.slice(i + 1).map((l) => l.text));
    }
  });

  it('keeps characters split across chunks whole', async () => {
    const long = `{"name":"${'ü€😀'.repeat(40_000)}"}`;
    const file = await archiveOf({ '1/1_2026-01-01_0#1.json.gz': [long, '{"n":2}'] }, method);
    const lines = await readAll(file);
    expect(lines.map((l) => l.text)).toEqual([long, '{"n":2}']);
  });
});

describe('entry content', () => {
  async function zipOf(entries: { name: string; data: Buffer }[]): Promise<string> {
    const file = path.join(dir, `content-${Math.random().toString(36).slice(2)}.zip`);
    const source = (async function* () {
      for (const e of entries) yield { name: e.name, content: Readable.from([e.data]) };
    })();
    await pipeline(Readable.from(writeZip(source, 'deflate')), createWriteStream(file));
    return file;
  }

  it('reads a plain JSON-lines entry as it is', async () => {
    const file = await zipOf([{ name: '1/1_2026-01-01_0#1.json', data: Buffer.from('{"n":1}\n{"n":2}\n') }]);
    expect((await readAll(file)).map((l) => l.text)).toEqual(['{"n":1}', '{"n":2}']);
  });

  it('says which entry is damaged when its gzip data is', async () => {
    const good = gzipSync('{"n":1}\n'.repeat(1_000));
    const damaged = Buffer.concat([good.subarray(0, 20), Buffer.alloc(200, 7), good.subarray(220)]);
    const file = await zipOf([{ name: '1/1_2026-01-01_0#1.json.gz', data: damaged }]);
    await expect(readAll(file)).rejects.toThrow(ZipFormatError);
    await expect(readAll(file)).rejects.toThrow('entry 1/1_2026-01-01_0#1.json.gz is damaged');
  });
});

describe('zip entries', () => {
  it('lists entries with their sizes and leaves folders out', async () => {
    const file = await archiveOf({ 'a/': [], 'a/1_2026-01-01_0#1.json.gz': ['{}'] }, 'stored');
    const entries = await readZipEntries(file);
    expect(entries.map((e) => e.name)).toEqual(['a/1_2026-01-01_0#1.json.gz']);
    expect(entries[0]!.compressedSize).toBe(gzipSync('{}').length);
  });

  it('says plainly when a file is not a zip archive', async () => {
    const file = path.join(dir, 'not-a-zip.zip');
    await writeFile(file, 'this is an error page, not an archive');
    await expect(readZipEntries(file)).rejects.toThrow(ZipFormatError);
    await expect(readZipEntries(file)).rejects.toThrow('no end of central directory');
  });

  it('orders names without an hour after those with one', () => {
    const names = ['x.json.gz', '1_2026-01-01_3#1.json.gz', '1_2026-01-01_12#1.json.gz'];
    expect(inHourOrder(names.map((name) => ({ name, method: 0, compressedSize: 0, size: 0, localHeaderOffset: 0 }))).map((e) => e.name)).toEqual([
      '1_2026-01-01_3#1.json.gz',
      '1_2026-01-01_12#1.json.gz',
      'x.json.gz',
    ]);
  });
});
