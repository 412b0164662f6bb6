import { createHash, randomBytes } from 'node:crypto';

/** Ingestion API keys: 32 hex characters, like Amplitude's. */
export function generateProjectApiKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Keys are looked up by their SHA-256 digest, so a lookup never compares the secret itself
 * character by character (no timing signal about how much of a guess was right).
 */
export function digestApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}
