import { describe, expect, it } from 'vitest';
import { listRegionOptions, resolveRegion } from '@/lib/forward/endpoints';

describe('Amplitude endpoints', () => {
  it('resolves US and EU to Amplitude\'s hosts and custom URLs only when listed', () => {
    expect(resolveRegion('US', [])).toEqual({ ok: true, baseUrl: 'https://api2.amplitude.com' });
    expect(resolveRegion('EU', [])).toEqual({ ok: true, baseUrl: 'https://api.eu.amplitude.com' });
    expect(resolveRegion('http://127.0.0.1:4305/', ['http://127.0.0.1:4305'])).toEqual({ ok: true, baseUrl: 'http://127.0.0.1:4305' });
    expect(resolveRegion('http://evil.example', ['http://127.0.0.1:4305'])).toMatchObject({ ok: false, reason: expect.stringContaining('AMPLITUDE_CUSTOM_ENDPOINTS') });
    expect(resolveRegion('https://api2.amplitude.com', [])).toMatchObject({ ok: false });
  });

  it('offers US, EU, then the listed custom endpoints', () => {
    expect(listRegionOptions(['http://127.0.0.1:4305/']).map((o) => o.value)).toEqual(['US', 'EU', 'http://127.0.0.1:4305']);
  });
});
