import { describe, expect, it } from 'vitest';
import nextConfig, { contentSecurityPolicy, OPENER_POLICY } from './next.config.js';

describe('security headers (next.config.js)', () => {
  it('apply to every path, in production without eval', async () => {
    const config = nextConfig('phase-production-server');
    const rules = await config.headers!();
    expect(rules).toHaveLength(3);
    expect(rules.every((r) => r.source === '/:path*')).toBe(true);
    const byName = Object.fromEntries(rules[0]!.headers.map((h) => [h.key.toLowerCase(), h.value]));
    expect(byName['x-frame-options']).toBe('DENY');
    expect(byName['x-content-type-options']).toBe('nosniff');
    expect(byName['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(byName['permissions-policy']).toMatch(/camera=\(\)/);
    expect(byName['content-security-policy']).toBe(contentSecurityPolicy({ dev: false }));
    expect(byName['content-security-policy']).not.toContain('unsafe-eval');
    expect(byName['content-security-policy']).toContain("frame-ancestors 'none'");
    // Sent only on conditions (localhost or https): e2e/security-headers.spec.ts checks them over HTTP.
    expect(byName['cross-origin-opener-policy']).toBeUndefined();
    expect(rules.slice(1).map((r) => r.headers)).toEqual([[OPENER_POLICY], [OPENER_POLICY]]);
  });

  it("allows the dev server's eval and websocket only in development", () => {
    expect(contentSecurityPolicy({ dev: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ dev: true })).toMatch(/connect-src 'self' ws: wss:/);
  });
});
