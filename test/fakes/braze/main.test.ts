import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

describe('standalone fake Braze (main.ts)', () => {
  it('prints its URL, serves requests and exits cleanly on SIGTERM', async () => {
    const child = spawn(tsx, ['test/fakes/braze/main.ts'], {
      cwd: root,
      env: { ...process.env, FAKE_BRAZE_PORT: '0', FAKE_BRAZE_API_KEYS: 'k1,k2:users.export.ids', FAKE_BRAZE_RATE_LIMIT: '5/1s' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const started = JSON.parse(line.toString()) as { url: string; keys: string[] };
      expect(started.keys).toEqual(['k1', 'k2']);
      const response = await fetch(`${started.url}/users/track`, {
        method: 'POST',
        headers: { authorization: 'Bearer k2', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(403);
      const allowed = await fetch(`${started.url}/users/track`, {
        method: 'POST',
        headers: { authorization: 'Bearer k1', 'content-type': 'application/json' },
        body: JSON.stringify({ events: [{ external_id: 'u', name: 'x', time: '2024-01-01' }] }),
      });
      expect(allowed.headers.get('x-ratelimit-limit')).toBe('5');
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 20_000);
});
