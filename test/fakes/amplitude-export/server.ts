/**
 * A fake of Amplitude's Export API over real HTTP (https://amplitude.com/docs/apis/analytics/export):
 * `GET /api/2/export?start=YYYYMMDDTHH&end=YYYYMMDDTHH`, Basic auth with `api_key:secret_key`,
 * answering a zip of gzipped JSON-lines files, one or more per hour (entry names as Amplitude
 * writes them), 404 when the range has no data and 400 for a malformed or over-long range
 * (at most 365 days). The archive is generated and streamed as it is sent, so any size costs the
 * same memory.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { entryNameOf, exportEventOf, hoursWithData, type ExportDataOptions } from '@/test/fakes/amplitude-export/export-events';
import { writeZip, type ZipMethod } from '@/test/fakes/amplitude-export/zip-writer';

export interface FakeExportOptions {
  data: ExportDataOptions;
  apiKey?: string;
  secretKey?: string;
  /** Files per hour (Amplitude splits large hours into parts `#1`, `#2`, …). */
  partsPerHour?: number;
  method?: ZipMethod;
  port?: number;
}

export interface FakeAmplitudeExport {
  url: string;
  apiKey: string;
  secretKey: string;
  /** Export requests answered, by status. */
  answers(): Record<number, number>;
  /** The next `count` export requests are answered with `status`. */
  failNext(status: number, count?: number): void;
  close(): Promise<void>;
}

const HOUR_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})$/;
const MAX_RANGE_MS = 365 * 24 * 3_600_000;

function parseHour(text: string | null): Date | null {
  const m = text ? HOUR_PATTERN.exec(text) : null;
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4])));
  return Number.isNaN(date.getTime()) || date.getUTCHours() !== Number(m[4]) ? null : date;
}

function* hourLines(data: ExportDataOptions, hour: number, part: number, parts: number): Generator<string> {
  for (let i = part; i < data.eventsPerHour; i += parts) yield `${JSON.stringify(exportEventOf(data, hour, i))}\n`;
}

export async function startFakeAmplitudeExport(options: FakeExportOptions): Promise<FakeAmplitudeExport> {
  const apiKey = options.apiKey ?? 'export-api-key';
  const secretKey = options.secretKey ?? 'export-secret-key';
  const parts = options.partsPerHour ?? 1;
  const answers: Record<number, number> = {};
  const faults: number[] = [];
  const expected = `Basic ${Buffer.from(`${apiKey}:${secretKey}`).toString('base64')}`;

  const answer = (res: ServerResponse, status: number, text: string) => {
    answers[status] = (answers[status] ?? 0) + 1;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method !== 'GET' || url.pathname !== '/api/2/export') return answer(res, 404, 'Not found');
    if (req.headers.authorization !== expected) return answer(res, 401, 'Invalid API key or secret key');
    const fault = faults.shift();
    if (fault !== undefined) return answer(res, fault, `Injected ${fault}`);
    const start = parseHour(url.searchParams.get('start'));
    const end = parseHour(url.searchParams.get('end'));
    if (!start || !end || end < start) return answer(res, 400, 'start and end must be hours as YYYYMMDDTHH, start first');
    if (end.getTime() - start.getTime() > MAX_RANGE_MS) return answer(res, 400, 'The range may span at most 365 days');
    const hours = hoursWithData(options.data, start, end);
    if (hours.length === 0) return answer(res, 404, 'No data for this range');
    const names = hours.flatMap((h) => Array.from({ length: parts }, (_, p) => ({ h, p, name: entryNameOf(options.data, h, p + 1) })));
    // Name order, as a directory listing gives it (hour 10 before hour 9): readers sort by hour.
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const entries = (async function* () {
      for (const { h, p, name } of names) yield { name, content: Readable.from(hourLines(options.data, h, p, parts)).pipe(createGzip()) };
    })();
    answers[200] = (answers[200] ?? 0) + 1;
    res.writeHead(200, { 'content-type': 'application/zip' });
    await pipeline(Readable.from(writeZip(entries, options.method)), res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      // The client went away mid-archive (a worker killed while downloading): nothing to answer.
      if (!res.headersSent) answer(res, 500, err.message);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    secretKey,
    answers: () => ({ ...answers }),
    failNext: (status, count = 1) => faults.push(...Array.from({ length: count }, () => status)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
