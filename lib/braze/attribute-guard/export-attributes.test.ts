import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCustomAttributes, nextCursorOf } from '@/lib/braze/attribute-guard';
import { startFakeBraze } from '@/test/fakes/braze/server';
import type { FakeBraze } from '@/test/fakes/braze/types';

describe('nextCursorOf', () => {
  it.each([
    ['<https://rest.iad-03.braze.com/custom_attributes?cursor=c2tpcDow>; rel="prev",<https://rest.iad-03.braze.com/custom_attributes?cursor=c2tpcDo1MA==>; rel="next"', 'c2tpcDo1MA=='],
    ['<https://rest.iad-03.braze.com/custom_attributes?cursor=c2tpcDow>; rel="prev"', null],
    [null, null],
    ['garbage', null],
  ])('%s → %s', (link, cursor) => expect(nextCursorOf(link)).toBe(cursor));
});

describe('exportCustomAttributes against the fake Braze', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze({
      keys: [{ key: 'reader' }, { key: 'tracker', permissions: ['users.track'] }],
      declaredAttributes: Array.from({ length: 120 }, (_, i) => ({
        name: `attr_${String(i).padStart(3, '0')}`,
        data_type: i % 2 ? 'Number' : 'String',
        ...(i === 7 ? { status: 'Blocklisted' as const } : {}),
        ...(i === 8 ? { array_length: 10 } : {}),
      })),
    });
  });
  afterAll(() => fake.close());
  const options = (apiKey: string) => ({ baseUrl: fake.url, apiKey, fetch, timeoutMs: 5_000, allowedEndpoints: [fake.url] });

  it('follows the Link header through every page of 50', async () => {
    const result = await exportCustomAttributes(options('reader'));
    expect(result.kind).toBe('declared');
    if (result.kind !== 'declared') return;
    expect(result.attributes).toHaveLength(120);
    expect(result.attributes[7]).toEqual({ name: 'attr_007', dataType: 'Number', arrayLength: null, blocklisted: true });
    expect(result.attributes[8]).toMatchObject({ arrayLength: 10, blocklisted: false });
    expect(fake.requests().filter((r) => r.path === '/custom_attributes')).toHaveLength(3);
  });

  it('says when the key may not read them', async () => {
    expect(await exportCustomAttributes(options('tracker'))).toEqual({ kind: 'no_permission', reason: expect.stringContaining('403') });
  });

  it('never asks a host off the allow-list', async () => {
    const result = await exportCustomAttributes({ ...options('reader'), baseUrl: 'https://example.com', allowedEndpoints: [] });
    expect(result.kind).toBe('failed');
  });
});
