/**
 * Downloads an export archive to a file, streaming: the body goes to disk as it arrives, so the
 * archive's size costs disk, not memory. Amplitude's answers are classified once: 404 means no
 * data in the range; 400 (e.g. over 4 GB), 401 and 403 cannot succeed on a retry and fail the
 * import with Amplitude's reason; anything else (429, 5xx, a cut connection) is worth retrying.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ImportFailure } from '@/lib/import/import-failure';

/** A download that stalls this long (no byte received) is cut and retried. */
const IDLE_TIMEOUT_MS = 120_000;
const MAX_REASON = 300;

async function reasonOf(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).trim().slice(0, MAX_REASON);
  return text ? `${response.status}: ${text}` : String(response.status);
}

/**
 * Saves the archive at `request.url` to `file`; false when Amplitude has no data in the range.
 * The file appears only once complete (written beside it, then renamed).
 */
export async function downloadExport(request: { url: string; headers: Record<string, string> }, file: string, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  const abort = new AbortController();
  let idle = setTimeout(() => abort.abort(new Error('the Export API sent nothing for 2 minutes')), IDLE_TIMEOUT_MS);
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => abort.abort(new Error('the Export API sent nothing for 2 minutes')), IDLE_TIMEOUT_MS);
  };
  const partial = `${file}.part`;
  try {
    // Redirects are not followed: every host called must be an allowed one.
    const response = await fetchImpl(request.url, { headers: request.headers, signal: abort.signal, redirect: 'manual' });
    if (response.status === 404) return false;
    if (response.status === 401 || response.status === 403) throw new ImportFailure(`Amplitude refused the API key and secret key (${await reasonOf(response)})`);
    if (response.status === 400) throw new ImportFailure(`Amplitude refused the export (${await reasonOf(response)}); exports over 4 GB are refused: import a shorter range`);
    if (response.status >= 300 && response.status < 400) throw new ImportFailure(`Amplitude answered a redirect (${response.status}), which is not followed`);
    if (response.status !== 200 || !response.body) throw new Error(`the Export API answered ${await reasonOf(response)}`);
    await mkdir(path.dirname(file), { recursive: true });
    const progress = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        touch();
        done(null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), progress, createWriteStream(partial));
    await rename(partial, file);
    return true;
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    clearTimeout(idle);
  }
}
