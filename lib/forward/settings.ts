/**
 * A project's Forward to Amplitude settings (table forward_settings): read for the Settings page
 * without the key, saved with the key sealed, and opened for the worker.
 */
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { listRegionOptions, resolveRegion } from '@/lib/forward/endpoints';
import type { ForwardSettingsInput, ForwardSettingsView } from '@/lib/forward/settings-schema';
import { loadSecrets } from '@/lib/secrets';
import { invalidInput } from '@/lib/http/app-error';

export async function readForwardSettings(projectId: string): Promise<ForwardSettingsView> {
  const row = await prisma().forwardSettings.findUnique({ where: { projectId } });
  const region = row?.region ?? 'US';
  const resolved = resolveRegion(region, env().AMPLITUDE_CUSTOM_ENDPOINTS);
  return {
    enabled: row?.enabled ?? false,
    region,
    apiKeyLast4: row?.apiKeyLast4 ?? null,
    regions: listRegionOptions(env().AMPLITUDE_CUSTOM_ENDPOINTS),
    problem: resolved.ok ? null : resolved.reason,
  };
}

function keyColumns(input: ForwardSettingsInput): { apiKeyCipher: string | null; apiKeyLast4: string | null } | Record<string, never> {
  if (input.apiKey) return { apiKeyCipher: sealSecret(input.apiKey, loadSecrets(env()).encryptionKey), apiKeyLast4: input.apiKey.slice(-4) };
  return input.useIngestionKey ? { apiKeyCipher: null, apiKeyLast4: null } : {};
}

export async function saveForwardSettings(projectId: string, input: ForwardSettingsInput): Promise<ForwardSettingsView> {
  const resolved = resolveRegion(input.region, env().AMPLITUDE_CUSTOM_ENDPOINTS);
  if (!resolved.ok) throw invalidInput(resolved.reason, 'region');
  const data = { enabled: input.enabled, region: input.region, ...keyColumns(input) };
  await prisma().forwardSettings.upsert({ where: { projectId }, create: { projectId, ...data }, update: data });
  return readForwardSettings(projectId);
}

/** Where and with which key a project forwards; null when forwarding is off. */
export interface ForwardTarget {
  baseUrl: string;
  apiKey: string;
}

export class ForwardConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForwardConfigurationError';
  }
}

/**
 * The project's target, key opened. Throws ForwardConfigurationError when the region is not
 * allowed here or the stored key does not open with this process's keys: the events then wait,
 * queued, like a paused sync's, until the configuration is fixed.
 */
export async function loadForwardTarget(projectId: string): Promise<ForwardTarget | null> {
  const row = await prisma().forwardSettings.findUnique({ where: { projectId }, include: { project: { select: { apiKey: true } } } });
  if (!row?.enabled) return null;
  const resolved = resolveRegion(row.region, env().AMPLITUDE_CUSTOM_ENDPOINTS);
  if (!resolved.ok) throw new ForwardConfigurationError(resolved.reason);
  if (!row.apiKeyCipher) return { baseUrl: resolved.baseUrl, apiKey: row.project.apiKey };
  const { encryptionKey, previousEncryptionKeys } = loadSecrets(env());
  try {
    return { baseUrl: resolved.baseUrl, apiKey: openSecret(row.apiKeyCipher, encryptionKey, previousEncryptionKeys) };
  } catch {
    throw new ForwardConfigurationError('The stored Amplitude API key was sealed with an ENCRYPTION_KEY this server does not have: enter the key again in Settings');
  }
}
