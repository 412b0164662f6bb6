/** Projects and syncs created through the product's own modules. */
import { randomBytes } from 'node:crypto';
import { prisma } from '@/lib/db/prisma';
import { generateProjectApiKey } from '@/lib/projects/api-key';
import { createSync } from '@/lib/syncs/repository';
import { createSyncSchema, type CreateSyncInput } from '@/lib/syncs/schema';

export async function createProject(): Promise<{ id: string; apiKey: string }> {
  const apiKey = generateProjectApiKey();
  const project = await prisma().project.create({ data: { name: `Test ${randomBytes(3).toString('hex')}`, apiKey } });
  return { id: project.id, apiKey };
}

export async function createEnabledSync(
  projectId: string,
  brazeUrl: string,
  overrides: Partial<CreateSyncInput> = {},
) {
  const input = createSyncSchema.parse({
    name: 'Braze',
    enabled: true,
    brazeEndpoint: brazeUrl,
    restApiKey: 'fake-rest-api-key',
    appId: 'app-123',
    ...overrides,
  });
  return createSync(projectId, input);
}

export function makeEvents(n: number, opts: { users?: number; baseTime?: number; eventType?: string } = {}) {
  const base = opts.baseTime ?? Date.UTC(2026, 10, 1, 12, 0, 0);
  return Array.from({ length: n }, (_, i) => ({
    user_id: `user-${String(i % (opts.users ?? 10)).padStart(5, '0')}`,
    event_type: opts.eventType ?? `Event ${i % 3}`,
    time: base + i * 1000,
    insert_id: `${randomBytes(8).toString('hex')}-${i}`,
    event_properties: { index: i },
  }));
}

export async function postEvents(ingestUrl: string, apiKey: string, events: unknown[]) {
  const res = await fetch(`${ingestUrl}/2/httpapi`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ api_key: apiKey, events }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
