import { describe, expect, it } from 'vitest';
import { isContentError, isEventObject, isPurchaseObject, isReplayableKind, sourceFixOf } from '@/lib/dead-letters/letter-kinds';

describe('letter kinds', () => {
  it.each([
    ['rejected', true, false],
    ['expired', true, false],
    ['paused', true, false],
    ['minor_error', false, true],
    ['invalid', false, true],
  ])('%s: replayable %s, content error %s', (kind, replayable, content) => {
    expect(isReplayableKind(kind)).toBe(replayable);
    expect(isContentError(kind)).toBe(content);
  });

  it('tells events (a name and a time) from user updates', () => {
    expect(isEventObject({ external_id: 'u', name: 'Order', time: '2026-11-29T10:00:00Z' })).toBe(true);
    expect(isEventObject({ external_id: 'u', plan: 'pro' })).toBe(false);
    expect(isEventObject({ external_id: 'u', name: 'Ada' })).toBe(false);
    expect(isPurchaseObject({ external_id: 'u', product_id: 'sku', currency: 'USD', price: 3, time: '2026-11-29T10:00:00Z' })).toBe(true);
    expect(isPurchaseObject({ external_id: 'u', name: 'Order', time: '2026-11-29T10:00:00Z' })).toBe(false);
  });

  it('names the field Braze refused when its message quotes one', () => {
    expect(sourceFixOf("The value provided for the 'email' field is not a valid email.")).toContain("Fix the value of 'email'");
    expect(sourceFixOf('Event time is not a valid time')).toContain('Fix the value Braze names');
  });
});
