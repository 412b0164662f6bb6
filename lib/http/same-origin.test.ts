import { describe, expect, it } from 'vitest';
import { isCrossSiteRequest, ownOrigins, type OriginPolicy } from '@/lib/http/same-origin';

const direct: OriginPolicy = { trustProxy: false };
const proxied: OriginPolicy = { trustProxy: true };

const request = (method: string, headers: Record<string, string>, host = 'localhost:3000') =>
  new Request('http://localhost:3000/api/syncs', { method, headers: { host, ...headers } });

describe('isCrossSiteRequest', () => {
  it.each([
    ['GET from another site is only a read', 'GET', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, false],
    ['POST from this page', 'POST', { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:3000' }, false],
    ['POST from a script without browser headers', 'POST', {}, false],
    ['POST from another site', 'POST', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, true],
    ['DELETE from a sibling subdomain', 'DELETE', { 'sec-fetch-site': 'same-site', origin: 'http://a.localhost:3000' }, true],
    ['PUT with a foreign Origin and no fetch metadata', 'PUT', { origin: 'https://evil.example' }, true],
    ['PATCH with a malformed Origin', 'PATCH', { origin: 'null' }, true],
    ['POST naming another port of the same host', 'POST', { origin: 'http://localhost:3001' }, true],
    ['POST with an Origin of another scheme than http(s)', 'POST', { origin: 'file://localhost:3000' }, true],
  ])('%s', (_name, method, headers, expected) => {
    expect(isCrossSiteRequest(request(method, headers), direct)).toBe(expected);
  });

  it.each(['127.0.0.1:3000', '127.0.0.2:3000', '192.168.1.20:3000', 'streaming-box:3000', 'STREAMING-BOX:3000', '[::1]:3000'])(
    'accepts a page served from %s posting to the same address',
    (host) => {
      const origin = `http://${host.toLowerCase()}`;
      expect(isCrossSiteRequest(request('POST', { origin, 'sec-fetch-site': 'same-origin' }, host), direct)).toBe(false);
      // …and refuses a page of that same address posting to another one (DNS rebinding, other sites).
      expect(isCrossSiteRequest(request('POST', { origin }, 'localhost:3000'), direct)).toBe(true);
    },
  );

  it('accepts the Origin of PUBLIC_URL', () => {
    const req = request('POST', { origin: 'https://streaming.example.com' });
    expect(isCrossSiteRequest(req, direct)).toBe(true);
    expect(isCrossSiteRequest(req, { ...direct, publicUrl: 'https://streaming.example.com' })).toBe(false);
  });

  it('takes X-Forwarded-Host from a trusted proxy only', () => {
    const req = request('POST', { origin: 'https://streaming.example.com', 'x-forwarded-host': 'streaming.example.com' }, '10.0.0.5:3000');
    expect(isCrossSiteRequest(req, proxied)).toBe(false);
    expect(isCrossSiteRequest(req, direct)).toBe(true);
  });
});

describe('ownOrigins', () => {
  it('lists both schemes of the request host and of PUBLIC_URL', () => {
    const req = request('POST', {}, '127.0.0.1:3000');
    expect(ownOrigins(req, { trustProxy: false, publicUrl: 'https://streaming.example.com/base' })).toEqual([
      'http://127.0.0.1:3000',
      'https://127.0.0.1:3000',
      'http://streaming.example.com',
      'https://streaming.example.com',
    ]);
  });
});
