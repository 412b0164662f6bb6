/**
 * Rotation of ENCRYPTION_KEY in integration tests: the run's own key (what every other test
 * seals with), a new key, and `npm run secrets:reseal` run as a process with the keys given.
 */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { env } from '@/lib/env';
import { startProcess } from '@/test/processes';

export const runKey = () => Buffer.from(env().ENCRYPTION_KEY!, 'base64');
export const newKey = () => randomBytes(32);
export const b64 = (k: Buffer) => k.toString('base64');

export async function reseal(keys: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const proc = startProcess('scripts/reseal-secrets.ts', { ENCRYPTION_KEY_PREVIOUS: '', ...keys });
  const code = await proc.exited;
  return { code, output: proc.output() };
}

/** Moves the rows sealed with `key` back to the run's key, which the other tests of the run use. */
export async function resealBackToRunKey(key: Buffer): Promise<void> {
  await reseal({ ENCRYPTION_KEY: b64(runKey()), ENCRYPTION_KEY_PREVIOUS: b64(key) });
}

/**
 * A new key for this test file's rotation. Every other test of the run seals and opens with the
 * run's key, so once the file's tests are done the rows sealed with the new key are moved back.
 */
export function newKeyForThisFile(): Buffer {
  const key = newKey();
  afterAll(() => resealBackToRunKey(key));
  return key;
}
