import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@/lib/auth/safe-next-path';

describe('safeNextPath', () => {
  it.each([
    ['/syncs/abc?tab=1', '/syncs/abc?tab=1'],
    ['/settings', '/settings'],
    [null, '/catalog'],
    ['', '/catalog'],
    ['//evil.example/x', '/catalog'],
    ['/\\evil.example', '/catalog'],
    ['https://evil.example', '/catalog'],
    ['javascript:alert(1)', '/catalog'],
    ['/\tevil', '/catalog'],
    ['/login?next=/x', '/catalog'],
  ])('%s → %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});
