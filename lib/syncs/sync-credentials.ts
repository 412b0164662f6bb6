/**
 * Whether this installation can send for a sync at all: its Braze endpoint must be allowed here
 * (a Braze instance, or listed in BRAZE_CUSTOM_ENDPOINTS) and its sealed REST API key must open
 * with ENCRYPTION_KEY or a key of ENCRYPTION_KEY_PREVIOUS. When either fails, nothing may be sent
 * and Braze is not to blame: the sync is paused for configuration (lib/syncs/pauses) and its
 * events wait, queued, until the installation is fixed and restarted.
 */
import { resolveAllowedEndpoint } from '@/lib/braze';
import { env } from '@/lib/env';
import { openRestApiKey } from '@/lib/syncs/rest-api-key';

export type SyncCredentials = { ok: true; restApiKey: string } | { ok: false; problem: string };

export function openSyncCredentials(row: { brazeEndpoint: string; restApiKeyCipher: string }): SyncCredentials {
  if (!resolveAllowedEndpoint(row.brazeEndpoint, env().BRAZE_CUSTOM_ENDPOINTS).ok) {
    return {
      ok: false,
      problem: `This server does not allow the Braze endpoint ${row.brazeEndpoint}: add it to BRAZE_CUSTOM_ENDPOINTS and restart, or choose a Braze REST endpoint`,
    };
  }
  return openStoredRestApiKey(row.restApiKeyCipher);
}

/** The stored key, opened, or why this server cannot open it. */
export function openStoredRestApiKey(cipher: string): SyncCredentials {
  try {
    return { ok: true, restApiKey: openRestApiKey(cipher) };
  } catch {
    // The envelope names the key that sealed it (lib/crypto/secret-box), never the key itself.
    const keyId = cipher.split('.')[1] ?? 'unknown';
    return {
      ok: false,
      problem: `This server cannot open the stored REST API key (sealed with encryption key id ${keyId}): set that key as ENCRYPTION_KEY or in ENCRYPTION_KEY_PREVIOUS and restart, or enter the REST API key again and save`,
    };
  }
}
