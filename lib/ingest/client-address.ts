/**
 * Who a request comes from, for per-client limits: the socket's address, or behind a trusted
 * proxy (TRUST_PROXY) the address that proxy reports — the last X-Forwarded-For entry, the one
 * it added itself (earlier entries are whatever the client sent). IPv6 clients are grouped by
 * their /64, since one machine usually holds a whole /64 and could change address at will.
 */
import type { IncomingMessage } from 'node:http';
import { env } from '@/lib/env';

/** `2001:db8::1` → the first four groups of its full form, `2001:db8:0:0`. */
function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export function clientKey(address: string): string {
  const plain = address.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped) return mapped[1]!;
  return plain.includes(':') ? ipv6Prefix64(plain.split('%')[0]!) : plain;
}

/** The request's own source address (socket, or the trusted proxy's last entry), not grouped. */
function sourceAddressOf(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').at(-1)?.trim();
  return last || req.socket.remoteAddress;
}

export function clientAddressOf(req: IncomingMessage, trustProxy: boolean): string {
  return clientKey(sourceAddressOf(req, trustProxy) || 'unknown');
}

/**
 * The client's IP address as Amplitude would have seen it (IPv4-mapped IPv6 as IPv4), for
 * events forwarded to Amplitude without an `ip` of their own.
 */
export function clientIpOf(req: IncomingMessage): string | undefined {
  const address = sourceAddressOf(req, env().TRUST_PROXY)?.replace(/^\[|\]$/g, '');
  return address?.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1') || undefined;
}

/** The client of an ingestion request, as this process's configuration says to read it. */
export function ingestClientOf(req: IncomingMessage): string {
  return clientAddressOf(req, env().TRUST_PROXY);
}
