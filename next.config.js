/**
 * Security headers of every page and management API answer (the ingestion paths are answered
 * before Next, by lib/ingest, with their own CORS headers).
 *
 * The Content-Security-Policy allows this site only. Next's App Router hydrates with inline
 * scripts, so scripts and styles need 'unsafe-inline' (a per-request nonce would make every page
 * dynamic); the dev server also needs eval and its websocket. Framing is refused twice: by
 * frame-ancestors and, for older browsers, X-Frame-Options. HSTS belongs to the TLS terminator in
 * front of the app (docs/deploy.md), which knows whether the site is served over https.
 *
 * Cross-Origin-Opener-Policy is sent only where browsers apply it: over https (the TLS
 * terminator's `X-Forwarded-Proto`, which server.ts passes on only with TRUST_PROXY) or on
 * localhost. On plain http from any other address they ignore it and log an error in the
 * console on every page.
 */
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';

export function contentSecurityPolicy({ dev }) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders({ dev }) {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy({ dev }) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
  ];
}

export const OPENER_POLICY = { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' };

/**
 * The origins whose pages get OPENER_POLICY: served over https, or from this machine by name.
 * Where both match, Next lets the later rule's header replace the earlier's: it is sent once.
 */
const TRUSTWORTHY_ORIGINS = [
  { type: 'header', key: 'x-forwarded-proto', value: 'https' },
  { type: 'host', value: '(localhost|127\\.0\\.0\\.1)' },
];

/** @type {(phase: string) => import('next').NextConfig} */
export default function nextConfig(phase) {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // Server-only packages that must not be bundled by Next.
    serverExternalPackages: ['pino', 'bullmq', 'ioredis', 'pg', '@prisma/adapter-pg'],
    async headers() {
      return [
        { source: '/:path*', headers: securityHeaders({ dev }) },
        ...TRUSTWORTHY_ORIGINS.map((origin) => ({ source: '/:path*', has: [origin], headers: [OPENER_POLICY] })),
      ];
    },
  };
}
