import { describe, expect, it } from 'vitest';
import { findRetryAt, parseRateLimitHeaders } from '@/lib/braze/rate-limit';

const NOW = Date.UTC(2026, 0, 1);

describe('parseRateLimitHeaders', () => {
  it.each([
    ['canonical case, Headers', new Headers({ 'X-RateLimit-Limit': '3000', 'X-RateLimit-Remaining': '2999', 'X-RateLimit-Reset': '1767225603' })],
    ['lower case (HTTP/2), record', { 'x-ratelimit-limit': '3000', 'x-ratelimit-remaining': '2999', 'x-ratelimit-reset': '1767225603' }],
    ['mixed case, record', { 'X-RATELIMIT-LIMIT': '3000', 'x-RateLimit-remaining': '2999', 'X-Ratelimit-Reset': ['1767225603'] }],
  ])('%s', (_name, headers) => {
    expect(parseRateLimitHeaders(headers)).toEqual({ limit: 3000, remaining: 2999, resetAt: 1_767_225_603_000 });
  });

  it.each([
    ['absent', {}],
    ['not numbers', { 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '-1', 'x-ratelimit-reset': '' }],
  ])('nulls when %s', (_name, headers) => {
    expect(parseRateLimitHeaders(headers)).toEqual({ limit: null, remaining: null, resetAt: null });
  });
});

describe('findRetryAt', () => {
  it.each([
    ['X-RateLimit-Reset', { 'x-ratelimit-reset': String(NOW / 1000 + 3) }, NOW + 3000],
    ['Retry-After seconds', { 'retry-after': '2' }, NOW + 2000],
    ['Retry-After HTTP date', { 'retry-after': new Date(NOW + 5000).toUTCString() }, NOW + 5000],
    ['X-Ratelimit-Retry-After seconds', { 'X-Ratelimit-Retry-After': '7' }, NOW + 7000],
    ['the latest wins', { 'x-ratelimit-reset': String(NOW / 1000 + 3), 'retry-after': '10' }, NOW + 10_000],
    ['nothing said', {}, null],
  ])('%s', (_name, headers, expected) => {
    expect(findRetryAt(headers, NOW)).toBe(expected);
  });
});
