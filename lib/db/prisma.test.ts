import { describe, expect, it } from 'vitest';
import { poolSize } from '@/lib/db/prisma';

describe('poolSize', () => {
  it('gives every concurrent ingest job a connection, with room for the other writers', () => {
    expect(poolSize(16)).toBe(20);
    expect(poolSize(64)).toBe(20);
    expect(poolSize(8)).toBe(12);
    expect(poolSize(1)).toBe(10);
  });
});
