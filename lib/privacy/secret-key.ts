/**
 * The project's User Privacy API secret key: with the ingestion API key it is the Basic auth of
 * `/api/2/deletions/users`, as Amplitude's own API takes `api_key:secret_key`. Only its SHA-256
 * is stored, so it is shown once (when made) and never again; making a new one replaces it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { prisma } from '@/lib/db/prisma';
import { digestApiKey } from '@/lib/projects/api-key';

export interface CreatedSecretKey {
  secretKey: string;
  last4: string;
}

/** A new secret key for the project; the previous one stops working at once. */
export async function rotateDeletionSecret(projectId: string): Promise<CreatedSecretKey> {
  const secretKey = randomBytes(24).toString('hex');
  const last4 = secretKey.slice(-4);
  await prisma().project.update({ where: { id: projectId }, data: { deletionSecretHash: digestApiKey(secretKey), deletionSecretLast4: last4 } });
  return { secretKey, last4 };
}

/** Whether `secretKey` is the project's: digests compared in constant time. */
export function secretMatches(storedDigest: string | null, secretKey: string): boolean {
  if (!storedDigest) return false;
  return timingSafeEqual(Buffer.from(storedDigest, 'hex'), Buffer.from(digestApiKey(secretKey), 'hex'));
}
