/** First start: the first Project exists, with `DEFAULT_PROJECT_API_KEY` when given. */
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { generateProjectApiKey } from '@/lib/projects/api-key';

export async function ensureDefaultProject(): Promise<{ id: string; apiKey: string; created: boolean }> {
  const db = prisma();
  const existing = await db.project.findFirst({ orderBy: { createdAt: 'asc' } });
  if (existing) return { id: existing.id, apiKey: existing.apiKey, created: false };
  const apiKey = env().DEFAULT_PROJECT_API_KEY ?? generateProjectApiKey();
  const project = await db.project.create({ data: { name: 'Default project', apiKey } });
  return { id: project.id, apiKey: project.apiKey, created: true };
}
