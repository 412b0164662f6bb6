/**
 * Secrets that may come from the environment or, when absent, are generated once on first start
 * and kept in `DATA_DIR/secrets.json` (mode 0600, outside git), then reused by every process.
 * Never a hard-coded default.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Env } from '@/lib/env';

const storedSchema = z.object({
  encryptionKey: z.string().refine((v) => Buffer.from(v, 'base64').length === 32),
  adminPassword: z.string().min(12),
});
type Stored = z.infer<typeof storedSchema>;

export interface Secrets {
  encryptionKey: Buffer;
  /** Keys of before a rotation (ENCRYPTION_KEY_PREVIOUS): they only open, never seal. */
  previousEncryptionKeys: Buffer[];
  adminPassword: string;
  /** Set only in the process that generated the password, so it is printed exactly once. */
  generatedAdminPassword?: string;
}

function generate(): Stored {
  return {
    encryptionKey: randomBytes(32).toString('base64'),
    adminPassword: randomBytes(18).toString('base64url'),
  };
}

/** Creates the file atomically: concurrent first starts (app and worker) agree on one copy. */
function readOrCreate(file: string): { stored: Stored; created: boolean } {
  if (fs.existsSync(file)) return { stored: readStored(file), created: false };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(generate(), null, 2), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
    return { stored: readStored(file), created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { stored: readStored(file), created: false };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readStored(file: string): Stored {
  const parsed = storedSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is corrupt; restore it from backup (stored credentials depend on it)`);
  return parsed.data;
}

let cached: Secrets | undefined;

export function loadSecrets(
  config: Pick<Env, 'DATA_DIR' | 'ENCRYPTION_KEY' | 'ADMIN_PASSWORD'> & Partial<Pick<Env, 'ENCRYPTION_KEY_PREVIOUS'>>,
): Secrets {
  if (cached) return cached;
  const needsFile = !config.ENCRYPTION_KEY || !config.ADMIN_PASSWORD;
  const file = path.resolve(config.DATA_DIR, 'secrets.json');
  const fromFile = needsFile ? readOrCreate(file) : undefined;
  cached = {
    encryptionKey: Buffer.from(config.ENCRYPTION_KEY ?? fromFile!.stored.encryptionKey, 'base64'),
    previousEncryptionKeys: (config.ENCRYPTION_KEY_PREVIOUS ?? []).map((k) => Buffer.from(k, 'base64')),
    adminPassword: config.ADMIN_PASSWORD ?? fromFile!.stored.adminPassword,
    generatedAdminPassword:
      fromFile?.created && !config.ADMIN_PASSWORD ? fromFile.stored.adminPassword : undefined,
  };
  return cached;
}

/** For tests that exercise first-start behaviour in one process. */
export function resetSecretsCache(): void {
  cached = undefined;
}
