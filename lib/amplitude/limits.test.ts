import { describe, expect, it } from 'vitest';
import { checkRequestLimits } from '@/lib/amplitude/check-request-limits';
import { BATCH_LIMITS, HTTP_V2_LIMITS, selectUploadLimits } from '@/lib/amplitude/limits';

describe('selectUploadLimits', () => {
  it.each([
    ['httpapi', 1024 * 1024, 2000],
    ['batch', 20 * 1024 * 1024, 2000],
  ] as const)('gives %s its documented body and event limits', (endpoint, maxBodyBytes, maxEvents) => {
    expect(selectUploadLimits(endpoint)).toEqual({ maxBodyBytes, maxEvents, maxStringLength: 1024, maxPropertyDepth: 40 });
  });

  it('applies overrides and ignores undefined ones', () => {
    expect(selectUploadLimits('httpapi', { maxEvents: 10, maxBodyBytes: undefined })).toEqual({ ...HTTP_V2_LIMITS, maxEvents: 10 });
  });

  it('does not let an override leak into the shared defaults', () => {
    selectUploadLimits('batch', { maxEvents: 1 });
    expect(BATCH_LIMITS.maxEvents).toBe(2000);
  });
});

describe('checkRequestLimits', () => {
  const limits = { maxBodyBytes: 100, maxEvents: 3 };
  const tooLarge = { kind: 'rejected', status: 413, body: { code: 413, error: 'Payload too large' } };

  it.each([
    ['body at the limit', { bodyBytes: 100 }, undefined],
    ['body over the limit', { bodyBytes: 101 }, tooLarge],
    ['events at the limit', { eventCount: 3 }, undefined],
    ['events over the limit', { eventCount: 4 }, tooLarge],
    ['both within', { bodyBytes: 1, eventCount: 1 }, undefined],
    ['nothing measured', {}, undefined],
  ])('%s', (_name, size, expected) => {
    expect(checkRequestLimits(size, limits)).toEqual(expected);
  });
});
