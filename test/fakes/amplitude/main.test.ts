import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

describe('standalone fake Amplitude (main.ts)', () => {
  it('prints its URL, takes only its keys and exits cleanly on SIGTERM', async () => {
    const child = spawn(tsx, ['test/fakes/amplitude/main.ts'], {
      cwd: root,
      env: { ...process.env, FAKE_AMPLITUDE_PORT: '0', FAKE_AMPLITUDE_API_KEYS: 'key-a,key-b' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const started = JSON.parse(line.toString()) as { url: string; admin: string };
      expect(started.admin).toBe(`${started.url}/_fake/`);
      const upload = (apiKey: string) =>
        fetch(`${started.url}/2/httpapi`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api_key: apiKey, events: [{ user_id: 'user-1', event_type: 'E' }] }) });
      expect((await upload('key-b')).status).toBe(200);
      expect((await upload('key-c')).status).toBe(400);
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 20_000);
});
