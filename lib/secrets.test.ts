import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecrets, resetSecretsCache } from '@/lib/secrets';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-secrets-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  resetSecretsCache();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('loadSecrets', () => {
  it('generates secrets once, reports the password only on creation, and reuses them', () => {
    const dir = tempDir();
    const first = loadSecrets({ DATA_DIR: dir });
    expect(first.encryptionKey).toHaveLength(32);
    expect(first.generatedAdminPassword).toBe(first.adminPassword);
    expect(first.adminPassword.length).toBeGreaterThanOrEqual(16);
    const file = path.join(dir, 'secrets.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    resetSecretsCache();
    const second = loadSecrets({ DATA_DIR: dir });
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect(second.adminPassword).toBe(first.adminPassword);
    expect(second.generatedAdminPassword).toBeUndefined();
  });

  it('prefers values from the environment and writes nothing when both are given', () => {
    const dir = tempDir();
    const key = Buffer.alloc(32, 7).toString('base64');
    const secrets = loadSecrets({ DATA_DIR: dir, ENCRYPTION_KEY: key, ADMIN_PASSWORD: 'a-long-admin-password' });
    expect(secrets.encryptionKey.toString('base64')).toBe(key);
    expect(secrets.adminPassword).toBe('a-long-admin-password');
    expect(fs.existsSync(path.join(dir, 'secrets.json'))).toBe(false);
  });

  it('refuses a corrupt secrets file instead of silently replacing it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'secrets.json'), '{"encryptionKey":"x"}');
    expect(() => loadSecrets({ DATA_DIR: dir })).toThrow(/corrupt/);
  });
});
