import { describe, expect, it } from 'vitest';
import { isCrossSiteRequest } from '@/lib/http/same-origin';

const request = (method: string, headers: Record<string, string>) =>
  new Request('http://localhost:3000/api/syncs', { method, headers: { host: 'localhost:3000', ...headers } });

describe('isCrossSiteRequest', () => {
  it.each([
    ['GET from another site is only a read', 'GET', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, false],
    ['POST from this page', 'POST', { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:3000' }, false],
    ['POST from a script without browser headers', 'POST', {}, false],
    ['POST from another site', 'POST', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, true],
    ['DELETE from a sibling subdomain', 'DELETE', { 'sec-fetch-site': 'same-site', origin: 'http://a.localhost:3000' }, true],
    ['PUT with a foreign Origin and no fetch metadata', 'PUT', { origin: 'https://evil.example' }, true],
    ['PATCH with a malformed Origin', 'PATCH', { origin: 'null' }, true],
    ['POST with the Origin of the forwarded host', 'POST', { origin: 'https://streaming.example.com', 'x-forwarded-host': 'streaming.example.com' }, false],
  ])('%s', (_name, method, headers, expected) => {
    expect(isCrossSiteRequest(request(method, headers))).toBe(expected);
  });

  it('accepts the Origin of PUBLIC_URL', () => {
    const req = request('POST', { origin: 'https://streaming.example.com' });
    expect(isCrossSiteRequest(req)).toBe(true);
    expect(isCrossSiteRequest(req, 'https://streaming.example.com')).toBe(false);
  });
});
