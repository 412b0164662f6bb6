/**
 * Rotating ENCRYPTION_KEY: with the old key in ENCRYPTION_KEY_PREVIOUS, `npm run secrets:reseal`
 * re-seals every stored REST API key with the new one, after which a worker that knows only the
 * new key delivers with the right Braze key. A key nobody configured is reported, never lost.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSealedWith } from '@/lib/crypto/secret-box';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { startFakeBraze, type FakeBraze } from '@/test/fakes/braze';
import { closeQueues } from '@/lib/queue/queues';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import { startIngestServer, type IngestServer } from '@/test/ingest-server';
import { b64, newKeyForThisFile, reseal, runKey } from '@/test/key-rotation';
import { startProcess, waitFor, waitForOutput } from '@/test/processes';

let braze: FakeBraze;
let ingest: IngestServer;
const oldKey = runKey;
const newKey = newKeyForThisFile();

beforeAll(async () => {
  braze = await startFakeBraze();
  process.env.BRAZE_CUSTOM_ENDPOINTS = braze.url;
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-rotation`;
  ingest = await startIngestServer();
});

afterAll(async () => {
  await ingest?.close();
  await braze?.close();
  await closeQueues();
  await disconnectPrisma();
});

const cipherOf = async (id: string) => (await prisma().sync.findUniqueOrThrow({ where: { id } })).restApiKeyCipher;

describe('rotating ENCRYPTION_KEY', () => {
  it('re-seals stored keys with the new key, after which the new key alone delivers', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, braze.url);
    expect(isSealedWith(await cipherOf(sync.id), oldKey())).toBe(true);

    // A key that was never configured: reported, nothing changed.
    const unknown = await reseal({ ENCRYPTION_KEY: b64(randomBytes(32)) });
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(/neither ENCRYPTION_KEY nor in ENCRYPTION_KEY_PREVIOUS/);
    expect(isSealedWith(await cipherOf(sync.id), oldKey())).toBe(true);

    const rotated = await reseal({ ENCRYPTION_KEY: b64(newKey), ENCRYPTION_KEY_PREVIOUS: b64(oldKey()) });
    expect(rotated.code).toBe(0);
    expect(rotated.output).toMatch(/re-sealed with the current ENCRYPTION_KEY: [1-9]/);
    expect(isSealedWith(await cipherOf(sync.id), newKey)).toBe(true);
    const again = await reseal({ ENCRYPTION_KEY: b64(newKey), ENCRYPTION_KEY_PREVIOUS: b64(oldKey()) });
    expect(again.output).toMatch(/re-sealed with the current ENCRYPTION_KEY: 0\./);

    const worker = startProcess('worker/main.ts', {
      ENCRYPTION_KEY: b64(newKey),
      ENCRYPTION_KEY_PREVIOUS: '',
      BRAZE_CUSTOM_ENDPOINTS: braze.url,
      QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
      LOG_LEVEL: 'info',
      DELIVERY_LINGER_MS: '20',
    });
    try {
      await waitForOutput(worker, /worker started/);
      expect((await postEvents(ingest.url, project.apiKey, makeEvents(5))).status).toBe(200);
      await waitFor(() => braze.events().length >= 5 || null, { what: 'deliveries with the re-sealed key', timeoutMs: 20_000 });
      expect(braze.requests().every((r) => r.apiKey === 'fake-rest-api-key' && r.status === 201)).toBe(true);
    } finally {
      await worker.kill('SIGTERM');
    }
  });
});
