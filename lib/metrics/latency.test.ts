import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKET_COUNT, addHistograms, emptyHistogram, latencyBucketOf, quantileOf } from '@/lib/metrics/latency';

describe('latency histogram', () => {
  it.each([
    [0, 0], [10, 0], [11, 1], [100, 4], [101, 5], [14_400_000, LATENCY_BUCKET_COUNT - 2], [1e9, LATENCY_BUCKET_COUNT - 1],
  ])('%d ms falls in bucket %d', (ms, bucket) => {
    expect(latencyBucketOf(ms)).toBe(bucket);
  });

  it('estimates quantiles within the bucket holding them', () => {
    const h = emptyHistogram();
    for (let i = 0; i < 90; i++) h[latencyBucketOf(40)]! += 1;
    for (let i = 0; i < 10; i++) h[latencyBucketOf(900)]! += 1;
    const p50 = quantileOf(h, 0.5)!;
    const p95 = quantileOf(h, 0.95)!;
    expect(p50).toBeGreaterThan(25);
    expect(p50).toBeLessThanOrEqual(50);
    expect(p95).toBeGreaterThan(750);
    expect(p95).toBeLessThanOrEqual(1_000);
    expect(quantileOf(emptyHistogram(), 0.5)).toBeNull();
  });

  it('adds histograms element-wise', () => {
    const a = emptyHistogram();
    a[2] = 3;
    const b = emptyHistogram();
    b[2] = 4;
    b[5] = 1;
    expect(addHistograms(a, b).slice(0, 6)).toEqual([0, 0, 7, 0, 0, 1]);
  });
});
