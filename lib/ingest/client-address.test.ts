import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, clientKey } from '@/lib/ingest/client-address';

const request = (remoteAddress: string, headers: Record<string, string> = {}) =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('clientKey', () => {
  it.each([
    ['127.0.0.3', '127.0.0.3'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8:0:0:ffff::2', '2001:db8:0:0::/64'],
    ['2001:0DB8:0001:0002:0003:0004:0005:0006', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('%s → %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});

describe('clientAddressOf', () => {
  it('uses the socket address unless a proxy is trusted', () => {
    const req = request('203.0.113.9', { 'x-forwarded-for': '198.51.100.1' });
    expect(clientAddressOf(req, false)).toBe('203.0.113.9');
    expect(clientAddressOf(req, true)).toBe('198.51.100.1');
  });

  it('takes the entry the trusted proxy added, not what the client put before it', () => {
    expect(clientAddressOf(request('10.0.0.2', { 'x-forwarded-for': '1.2.3.4, 198.51.100.1' }), true)).toBe('198.51.100.1');
    expect(clientAddressOf(request('10.0.0.2'), true)).toBe('10.0.0.2');
  });
});
