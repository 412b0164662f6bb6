/**
 * Rotating ENCRYPTION_KEY re-seals the alert secrets too (`npm run secrets:reseal`): afterwards
 * the new key alone opens the webhook URL and the SMTP password.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { isSealedWith, openSecret } from '@/lib/crypto/secret-box';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { saveAlertSettings } from '@/lib/alerts/settings';
import { alertSettingsSchema } from '@/lib/alerts/settings-schema';
import { createProject } from '@/test/fixtures';
import { b64, newKeyForThisFile, reseal, runKey } from '@/test/key-rotation';

const oldKey = runKey;
const newKey = newKeyForThisFile();

afterAll(async () => {
  await disconnectPrisma();
});

describe('rotating ENCRYPTION_KEY', () => {
  it('re-seals the webhook URL and the SMTP password with the new key', async () => {
    const project = await createProject();
    await saveAlertSettings(
      project.id,
      alertSettingsSchema.parse({ webhookUrl: 'https://hooks.example.com/services/rotate-me', emailEnabled: true, smtpHost: 'smtp.example.com', smtpPort: '587', smtpUser: 'alerts', smtpPassword: 'smtp-password-1', emailFrom: 'a@example.com', emailTo: 'b@example.com' }),
    );
    const row = () => prisma().alertSettings.findUniqueOrThrow({ where: { projectId: project.id } });
    const before = await row();
    expect(isSealedWith(before.webhookUrlCipher!, oldKey())).toBe(true);

    const unknown = await reseal({ ENCRYPTION_KEY: b64(randomBytes(32)) });
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(/alert secret\(s\) were sealed with a key that is neither/);
    expect(await row()).toMatchObject({ webhookUrlCipher: before.webhookUrlCipher, smtpPasswordCipher: before.smtpPasswordCipher });

    const rotated = await reseal({ ENCRYPTION_KEY: b64(newKey), ENCRYPTION_KEY_PREVIOUS: b64(oldKey()) });
    expect(rotated.code, rotated.output).toBe(0);
    expect(rotated.output).toMatch(/Stored alert secrets: \d+; re-sealed with the current ENCRYPTION_KEY: [1-9]/);
    const after = await row();
    expect(openSecret(after.webhookUrlCipher!, newKey)).toBe('https://hooks.example.com/services/rotate-me');
    expect(openSecret(after.smtpPasswordCipher!, newKey)).toBe('smtp-password-1');
  });
});
