/**
 * Creating, listing, revoking and checking API tokens. The token itself leaves this module once,
 * in what `createApiToken` returns; afterwards only its last four characters are ever shown.
 */
import { prisma } from '@/lib/db/prisma';
import { notFound } from '@/lib/http/app-error';
import { generateApiToken, hashApiToken, isApiTokenShaped } from '@/lib/tokens/api-token';
import type { CreateApiTokenInput } from '@/lib/tokens/schema';

export interface ApiTokenView {
  id: string;
  name: string;
  /** `bzs_…` and the last four characters. */
  hint: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** How often at most a token's "last used" time is written (one write per token per minute). */
const LAST_USED_RESOLUTION_MS = 60_000;

const select = { id: true, name: true, last4: true, createdBy: true, createdAt: true, lastUsedAt: true } as const;

function toView(row: { id: string; name: string; last4: string; createdBy: string; createdAt: Date; lastUsedAt: Date | null }): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    hint: `bzs_…${row.last4}`,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export async function createApiToken(input: CreateApiTokenInput, createdBy: string): Promise<{ token: string; apiToken: ApiTokenView }> {
  const token = generateApiToken();
  const row = await prisma().apiToken.create({
    data: { name: input.name, tokenHash: hashApiToken(token), last4: token.slice(-4), createdBy },
    select,
  });
  return { token, apiToken: toView(row) };
}

export async function listApiTokens(): Promise<ApiTokenView[]> {
  return (await prisma().apiToken.findMany({ select, orderBy: { createdAt: 'desc' } })).map(toView);
}

export async function revokeApiToken(id: string): Promise<void> {
  const { count } = await prisma().apiToken.deleteMany({ where: { id } });
  if (count === 0) throw notFound('API token');
}

/** The token presented with a request, if it exists (not revoked); records when it was used. */
export async function findApiToken(token: string): Promise<{ id: string; name: string } | null> {
  if (!isApiTokenShaped(token)) return null;
  const row = await prisma().apiToken.findUnique({ where: { tokenHash: hashApiToken(token) }, select: { id: true, name: true, lastUsedAt: true } });
  if (!row) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma().apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { id: row.id, name: row.name };
}
