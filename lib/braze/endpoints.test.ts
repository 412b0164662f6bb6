import { describe, expect, it } from 'vitest';
import { listBrazeInstances, parseCustomEndpoints, resolveAllowedEndpoint } from '@/lib/braze/endpoints';

const EXPECTED_INSTANCES: [string, string][] = [
  ['US-01', 'https://rest.iad-01.braze.com'],
  ['US-02', 'https://rest.iad-02.braze.com'],
  ['US-03', 'https://rest.iad-03.braze.com'],
  ['US-04', 'https://rest.iad-04.braze.com'],
  ['US-05', 'https://rest.iad-05.braze.com'],
  ['US-06', 'https://rest.iad-06.braze.com'],
  ['US-07', 'https://rest.iad-07.braze.com'],
  ['US-08', 'https://rest.iad-08.braze.com'],
  ['US-10', 'https://rest.us-10.braze.com'],
  ['EU-01', 'https://rest.fra-01.braze.eu'],
  ['EU-02', 'https://rest.fra-02.braze.eu'],
  ['AU-01', 'https://rest.au-01.braze.com'],
  ['ID-01', 'https://rest.id-01.braze.com'],
  ['JP-01', 'https://rest.jp-01.braze.com'],
  ['KR-01', 'https://rest.kr-01.braze.com'],
];

const CUSTOM = ['http://localhost:4010', 'https://proxy.example.com/braze', 'http://127.0.0.1:9000'];

describe('listBrazeInstances', () => {
  it('lists exactly the 15 documented instances', () => {
    expect(listBrazeInstances().map((i) => [i.cluster, i.restUrl])).toEqual(EXPECTED_INSTANCES);
  });

  it('returns a copy that callers cannot use to change the allow-list', () => {
    const first = listBrazeInstances()[0]!;
    first.restUrl = 'https://evil.example.com';
    expect(resolveAllowedEndpoint('https://evil.example.com', [])).toMatchObject({ ok: false });
    expect(listBrazeInstances()[0]!.restUrl).toBe('https://rest.iad-01.braze.com');
  });
});

describe('resolveAllowedEndpoint: allowed', () => {
  it.each(EXPECTED_INSTANCES)('%s at %s', (cluster, url) => {
    expect(resolveAllowedEndpoint(url, [])).toEqual({ ok: true, baseUrl: url, cluster });
  });

  it.each([
    ['trailing slash', 'https://rest.iad-01.braze.com/', 'https://rest.iad-01.braze.com', 'US-01'],
    ['upper-case host and scheme', 'HTTPS://REST.FRA-01.BRAZE.EU', 'https://rest.fra-01.braze.eu', 'EU-01'],
    ['surrounding whitespace', '  https://rest.au-01.braze.com  ', 'https://rest.au-01.braze.com', 'AU-01'],
    ['host without scheme', 'rest.us-10.braze.com', 'https://rest.us-10.braze.com', 'US-10'],
    ['explicit default port', 'https://rest.jp-01.braze.com:443', 'https://rest.jp-01.braze.com', 'JP-01'],
    ['cluster name', 'kr-01', 'https://rest.kr-01.braze.com', 'KR-01'],
    ['custom http origin', 'http://localhost:4010', 'http://localhost:4010', 'custom'],
    ['custom with trailing slash', 'http://localhost:4010/', 'http://localhost:4010', 'custom'],
    ['custom with path', 'https://proxy.example.com/braze/', 'https://proxy.example.com/braze', 'custom'],
    ['custom IP literal', 'http://127.0.0.1:9000', 'http://127.0.0.1:9000', 'custom'],
  ])('%s', (_name, input, baseUrl, cluster) => {
    expect(resolveAllowedEndpoint(input, CUSTOM)).toEqual({ ok: true, baseUrl, cluster });
  });
});

describe('resolveAllowedEndpoint: refused', () => {
  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['http to a Braze host', 'http://rest.iad-01.braze.com'],
    ['other port', 'https://rest.iad-01.braze.com:8443'],
    ['path', 'https://rest.iad-01.braze.com/users/track'],
    ['double slash path', 'https://rest.iad-01.braze.com//'],
    ['query', 'https://rest.iad-01.braze.com/?x=1'],
    ['empty query', 'https://rest.iad-01.braze.com?'],
    ['fragment', 'https://rest.iad-01.braze.com#frag'],
    ['fragment hiding the real host', 'https://evil.com#@rest.iad-01.braze.com'],
    ['userinfo', 'https://user:pass@rest.iad-01.braze.com'],
    ['userinfo making Braze the username', 'https://rest.iad-01.braze.com@evil.com'],
    ['backslash', 'https://evil.com\\rest.iad-01.braze.com'],
    ['percent-encoded dot', 'https://rest.iad-01.braze%2Ecom'],
    ['suffix domain', 'https://rest.iad-01.braze.com.evil.com'],
    ['prefix subdomain', 'https://evil.rest.iad-01.braze.com'],
    ['trailing dot', 'https://rest.iad-01.braze.com.'],
    ['Cyrillic a look-alike', 'https://rest.iad-01.br\u0430ze.com'],
    ['fullwidth dot', 'https://rest.iad-01.braze\uff0ecom'],
    ['punycode host', 'https://rest.iad-01.xn--brze-63d.com'],
    ['newline inside host', 'https://rest.iad-0\n1.braze.com'],
    ['tab inside host', 'https://rest.iad-01\t.braze.com'],
    ['zero-width space', 'https://rest.iad-01.braze.com\u200b'],
    ['SDK endpoint', 'https://sdk.iad-01.braze.com'],
    ['dashboard host', 'https://dashboard-01.braze.com'],
    ['US-09 does not exist', 'https://rest.iad-09.braze.com'],
    ['US-09 alternative spelling', 'https://rest.us-09.braze.com'],
    ['US-10 built from the iad pattern', 'https://rest.iad-10.braze.com'],
    ['EU host on .com', 'https://rest.fra-01.braze.com'],
    ['unknown cluster name', 'US-09'],
    ['IP literal not listed', 'https://54.0.0.1'],
    ['IPv6 literal not listed', 'http://[::1]:4010'],
    ['loopback not listed', 'http://127.0.0.1:9001'],
    ['hex IP', 'http://0x7f000001:9000'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['file scheme', 'file:///etc/passwd'],
    ['ftp scheme', 'ftp://rest.iad-01.braze.com'],
    ['scheme without slashes', 'https:rest.iad-01.braze.com'],
    ['protocol-relative', '//rest.iad-01.braze.com'],
    ['custom with a different port', 'http://localhost:4011'],
    ['custom with https instead of http', 'https://localhost:4010'],
    ['custom with an extra path', 'http://localhost:4010/users'],
    ['custom without its path', 'https://proxy.example.com'],
    ['custom path prefix only', 'https://proxy.example.com/braz'],
    ['custom path longer', 'https://proxy.example.com/braze/users/track'],
  ])('%s', (_name, input) => {
    const result = resolveAllowedEndpoint(input, CUSTOM);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/\S/);
  });

  it('does not let a custom entry send the key to a Braze host over http', () => {
    expect(resolveAllowedEndpoint('http://rest.iad-01.braze.com', ['http://rest.iad-01.braze.com']).ok).toBe(false);
  });

  it('compares hosts as typed, so another spelling of a listed IP does not match', () => {
    expect(resolveAllowedEndpoint('http://[::1]:4010', ['http://[::1]:4010']).ok).toBe(true);
    expect(resolveAllowedEndpoint('http://[0:0::1]:4010', ['http://[::1]:4010']).ok).toBe(false);
    expect(resolveAllowedEndpoint('http://2130706433:9000', CUSTOM).ok).toBe(false);
  });

  it('ignores malformed custom entries instead of matching them', () => {
    expect(resolveAllowedEndpoint('https://evil.com', ['https://user@evil.com', 'evil.com']).ok).toBe(false);
  });

  it('explains the common mistakes', () => {
    expect(resolveAllowedEndpoint('http://rest.iad-01.braze.com', [])).toEqual({ ok: false, reason: expect.stringMatching(/https/) });
    expect(resolveAllowedEndpoint('https://rest.iad-01.braze.com:8443', [])).toEqual({ ok: false, reason: expect.stringMatching(/port/) });
    expect(resolveAllowedEndpoint('https://rest.iad-01.braze.com/users/track', [])).toEqual({
      ok: false,
      reason: expect.stringMatching(/without a path/),
    });
  });
});

describe('parseCustomEndpoints', () => {
  it('normalises, deduplicates and skips empty entries', () => {
    expect(parseCustomEndpoints(' http://localhost:4010/ , https://proxy.example.com/braze,,http://localhost:4010 ')).toEqual([
      'http://localhost:4010',
      'https://proxy.example.com/braze',
    ]);
  });

  it('returns nothing for an empty setting', () => {
    expect(parseCustomEndpoints('')).toEqual([]);
  });

  it.each([
    ['ftp://files.example.com', /http:\/\/ or https:\/\//],
    ['localhost:4010', /must start with http/],
    ['https://proxy.example.com/?token=1', /"\?"/],
    ['https://proxy.example.com/#x', /"#"/],
    ['https://exa mple.com', /whitespace/],
    ['https://br\u0430ze.example', /non-ASCII/],
    ['http://rest.iad-01.braze.com', /https only/],
    ['https://', /not a valid URL/],
  ])('refuses %s and names it', (entry, reason) => {
    const run = () => parseCustomEndpoints(`http://localhost:4010,${entry}`);
    expect(run).toThrow(reason);
    expect(run).toThrow(JSON.stringify(entry.trim()));
  });

  it('masks credentials when naming a bad entry', () => {
    const run = () => parseCustomEndpoints('https://admin:hunter2@proxy.example.com');
    expect(run).toThrow('"https://***@proxy.example.com"');
    expect(run).not.toThrow(/hunter2/);
  });
});
