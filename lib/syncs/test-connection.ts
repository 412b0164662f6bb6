/**
 * Test connection for the setup wizard: a harmless Braze call (lib/braze `testConnection`)
 * with the typed key, or with the stored key of the sync when the field was left blank.
 */
import { testConnection, type ConnectionProblem } from '@/lib/braze';
import { env } from '@/lib/env';
import { CONNECTION_MESSAGES, CONNECTION_OK_MESSAGE } from '@/lib/syncs/connection-messages';
import { checkBrazeEndpoint, readStoredRestApiKey } from '@/lib/syncs/repository';
import type { TestConnectionInput } from '@/lib/syncs/schema';

export type ConnectionResult =
  | { ok: true; message: string }
  | { ok: false; problem: ConnectionProblem; message: string; status: number | null };

export async function testSyncConnection(projectId: string, input: TestConnectionInput): Promise<ConnectionResult> {
  const config = env();
  const baseUrl = checkBrazeEndpoint(input.brazeEndpoint);
  const apiKey = input.restApiKey ?? (await readStoredRestApiKey(projectId, input.syncId!));
  const check = await testConnection({
    baseUrl,
    apiKey,
    fetch,
    timeoutMs: config.BRAZE_REQUEST_TIMEOUT_MS,
    allowedEndpoints: config.BRAZE_CUSTOM_ENDPOINTS,
  });
  if (check.ok) return { ok: true, message: CONNECTION_OK_MESSAGE };
  return { ok: false, problem: check.problem, message: CONNECTION_MESSAGES[check.problem], status: check.status };
}
