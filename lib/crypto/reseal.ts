/**
 * After a rotation of ENCRYPTION_KEY (the old key in ENCRYPTION_KEY_PREVIOUS), every stored secret
 * sealed with a previous key is sealed again with the current one. Each kind of secret lists its
 * sealed values with a compare-and-set `replace` (the row is replaced only if nobody changed it
 * meanwhile), so re-sealing is safe on a live system and more than once. A value sealed with a key
 * that is not configured at all is left as it is and counted as unreadable.
 */
import { isSealedWith, openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { env } from '@/lib/env';
import { loadSecrets } from '@/lib/secrets';

export interface SealedValue {
  sealed: string;
  /** Stores `next` where `sealed` still is; answers how many rows it replaced (0 or 1). */
  replace: (next: string) => Promise<number>;
}

export interface ResealCount {
  total: number;
  resealed: number;
  unreadable: number;
}

export async function resealValues(values: readonly SealedValue[]): Promise<ResealCount> {
  const { encryptionKey, previousEncryptionKeys } = loadSecrets(env());
  const count: ResealCount = { total: values.length, resealed: 0, unreadable: 0 };
  for (const value of values) {
    if (isSealedWith(value.sealed, encryptionKey)) continue;
    let plain: string;
    try {
      plain = openSecret(value.sealed, encryptionKey, previousEncryptionKeys);
    } catch {
      count.unreadable++;
      continue;
    }
    count.resealed += await value.replace(sealSecret(plain, encryptionKey));
  }
  return count;
}
