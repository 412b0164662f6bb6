import { jsonReply, type Reply } from '@/test/fakes/braze/http/reply';
import type { FakeKeyConfig, ObjectLimitMode } from '@/test/fakes/braze/types';

// REST API key permissions, one per endpoint (braze-api.md §5).
export const ALL_PERMISSIONS = [
  'users.track',
  'users.track.sync',
  'users.track.bulk',
  'users.alias.new',
  'users.alias.update',
  'users.identify',
  'users.merge',
  'users.delete',
  'users.export.ids',
  'custom_attributes.get',
] as const;

export const DEFAULT_API_KEY = 'fake-rest-api-key';

interface KeyEntry {
  permissions: ReadonlySet<string>;
  otherCluster: boolean;
  objectLimitMode?: ObjectLimitMode;
}

export type KeyRegistry = ReadonlyMap<string, KeyEntry>;

export function buildKeyRegistry(keys: FakeKeyConfig[]): KeyRegistry {
  return new Map(
    keys.map((config) => [
      config.key,
      {
        permissions: new Set(config.permissions ?? ALL_PERMISSIONS),
        otherCluster: config.otherCluster ?? false,
        ...(config.objectLimitMode ? { objectLimitMode: config.objectLimitMode } : {}),
      },
    ]),
  );
}

/** The key of a well-formed `Bearer <key>` header, or null (braze-api.md §5: no "Bearer" → 401). */
export function extractBearerKey(authorization: string | undefined): string | null {
  const match = /^Bearer +(\S+)$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

// Bodies as seen in community fixtures and the error table (braze-api.md §3.3, §10.2).
const INVALID_KEY = jsonReply(401, { message: 'Invalid API Key' });
const ACCESS_DENIED = jsonReply(403, { message: 'Access Denied' });

export type KeyCheck = { ok: true; apiKey: string } | { ok: false; reply: Reply };

/** Whether `apiKey` may call an endpoint that needs `permission`, and the refusal if not. */
export function authorizeKey(registry: KeyRegistry, apiKey: string | null, permission: string): KeyCheck {
  const entry = apiKey === null ? undefined : registry.get(apiKey);
  // A key from another instance is rejected exactly like an unknown one (braze-api.md §1.1).
  if (apiKey === null || !entry || entry.otherCluster) return { ok: false, reply: INVALID_KEY };
  if (!entry.permissions.has(permission)) return { ok: false, reply: ACCESS_DENIED };
  return { ok: true, apiKey };
}
