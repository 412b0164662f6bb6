import { describe, expect, it } from 'vitest';
import nextConfig, { contentSecurityPolicy } from './next.config.js';

describe('security headers (next.config.js)', () => {
  it('apply to every path, in production without eval', async () => {
    const config = nextConfig('phase-production-server');
    const rules = await config.headers!();
    expect(rules).toHaveLength(1);
    expect(rules[0]!.source).toBe('/:path*');
    const byName = Object.fromEntries(rules[0]!.headers.map((h) => [h.key.toLowerCase(), h.value]));
    expect(byName['x-frame-options']).toBe('DENY');
    expect(byName['x-content-type-options']).toBe('nosniff');
    expect(byName['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(byName['permissions-policy']).toMatch(/camera=\(\)/);
    expect(byName['content-security-policy']).toBe(contentSecurityPolicy({ dev: false }));
    expect(byName['content-security-policy']).not.toContain('unsafe-eval');
    expect(byName['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it("allows the dev server's eval and websocket only in development", () => {
    expect(contentSecurityPolicy({ dev: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ dev: true })).toMatch(/connect-src 'self' ws: wss:/);
  });
});
