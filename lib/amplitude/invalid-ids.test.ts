import { describe, expect, it } from 'vitest';
import { isPlaceholderId } from '@/lib/amplitude/invalid-ids';

describe('isPlaceholderId', () => {
  it.each([
    'anonymous',
    'nil',
    'none',
    'null',
    'n/a',
    'na',
    'undefined',
    'unknown',
    '',
    '00000000-0000-0000-0000-000000000000',
    '{}',
    'lmy47d',
    '0',
    '-1',
    'NULL',
    'Anonymous',
    'LMY47D',
    'N/A',
  ])('rejects %j', (id) => {
    expect(isPlaceholderId(id)).toBe(true);
  });

  it.each(['user-12345', 'anonymous1', ' null', '00000000-0000-0000-0000-000000000001', '-2'])('accepts %j', (id) => {
    expect(isPlaceholderId(id)).toBe(false);
  });
});
