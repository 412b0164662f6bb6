/**
 * Rotating ENCRYPTION_KEY re-seals the Amplitude keys too (`npm run secrets:reseal`): the
 * forwarding key and a history import's API and secret keys are opened by the new key alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { saveForwardSettings } from '@/lib/forward/settings';
import { createEnabledSync, createProject } from '@/test/fixtures';
import { b64, newKeyForThisFile, reseal, runKey } from '@/test/key-rotation';

const oldKey = runKey;
const newKey = newKeyForThisFile();

afterAll(async () => {
  await disconnectPrisma();
});

describe('rotating ENCRYPTION_KEY', () => {
  it('re-seals the forwarding key and the keys of history imports with the new key', async () => {
    const project = await createProject();
    await saveForwardSettings(project.id, { enabled: true, region: 'US', apiKey: 'amplitude-forward-key', useIngestionKey: false });
    const sync = await createEnabledSync(project.id, 'https://rest.iad-01.braze.com');
    const run = await prisma().importRun.create({
      data: {
        syncId: sync.id,
        region: 'US',
        startHour: new Date('2026-11-01T00:00:00Z'),
        endHour: new Date('2026-11-01T05:00:00Z'),
        apiKeyCipher: sealSecret('import-api-key', oldKey()),
        secretKeyCipher: sealSecret('import-secret-key', oldKey()),
        apiKeyLast4: '-key',
        status: 'CANCELLED',
      },
    });

    const rotated = await reseal({ ENCRYPTION_KEY: b64(newKey), ENCRYPTION_KEY_PREVIOUS: b64(oldKey()) });
    expect(rotated.code, rotated.output).toBe(0);
    expect(rotated.output).toMatch(/Stored Amplitude keys: \d+; re-sealed with the current ENCRYPTION_KEY: [3-9]/);
    const forward = await prisma().forwardSettings.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(openSecret(forward.apiKeyCipher!, newKey)).toBe('amplitude-forward-key');
    const after = await prisma().importRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(openSecret(after.apiKeyCipher, newKey)).toBe('import-api-key');
    expect(openSecret(after.secretKeyCipher, newKey)).toBe('import-secret-key');
    await prisma().project.delete({ where: { id: project.id } });
  });
});
