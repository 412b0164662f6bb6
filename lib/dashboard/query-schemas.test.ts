import { describe, expect, it } from 'vitest';
import { deadLetterQuerySchema, rangeQuerySchema, replayRequestSchema } from '@/lib/dashboard/query-schemas';

describe('dashboard API inputs', () => {
  it('a range defaults to the last 24 hours and must be one offered', () => {
    expect(rangeQuerySchema.parse({})).toEqual({ range: '24h' });
    expect(rangeQuerySchema.parse({ range: '90d' })).toEqual({ range: '90d' });
    expect(rangeQuerySchema.safeParse({ range: '1y' }).success).toBe(false);
  });

  it('a search treats blank fields as "any" and reads ISO instants', () => {
    expect(deadLetterQuerySchema.parse({ userId: '  ', eventType: ' Order ', from: '2026-11-29T10:00:00.000Z' })).toEqual({
      userId: undefined,
      eventType: 'Order',
      from: new Date('2026-11-29T10:00:00.000Z'),
      to: undefined,
      cursor: undefined,
    });
    expect(deadLetterQuerySchema.safeParse({ from: 'yesterday' }).success).toBe(false);
  });

  it('a replay names a cause or at least one event', () => {
    expect(replayRequestSchema.parse({ cause: { kind: 'rejected', status: 401, error: 'Braze answered 401' } })).toEqual({
      cause: { kind: 'rejected', status: 401, error: 'Braze answered 401' },
    });
    expect(replayRequestSchema.parse({ ids: ['a', 'b'] })).toEqual({ ids: ['a', 'b'] });
    expect(replayRequestSchema.safeParse({ ids: [] }).success).toBe(false);
    expect(replayRequestSchema.safeParse({}).success).toBe(false);
    expect(replayRequestSchema.safeParse({ ids: Array.from({ length: 1_001 }, (_, i) => String(i)) }).success).toBe(false);
  });
});
