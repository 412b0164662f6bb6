import { describe, expect, it } from 'vitest';
import { cacheTargets } from '@/lib/forward/target-cache';

describe('cacheTargets', () => {
  it('reads a project\'s target once per interval, and again after a failed read', async () => {
    let clock = 0;
    let reads = 0;
    let fail = false;
    const load = async () => {
      reads += 1;
      if (fail) throw new Error('database unreachable');
      return { baseUrl: 'https://api2.amplitude.com', apiKey: `key-${reads}` };
    };
    const targetOf = cacheTargets(load, 2_000, () => clock);
    expect(await targetOf('p')).toEqual({ baseUrl: 'https://api2.amplitude.com', apiKey: 'key-1' });
    clock = 1_999;
    expect((await targetOf('p'))?.apiKey).toBe('key-1');
    clock = 2_000;
    fail = true;
    await expect(targetOf('p')).rejects.toThrow('database unreachable');
    fail = false;
    expect((await targetOf('p'))?.apiKey).toBe('key-3');
    expect(reads).toBe(3);
  });
});
