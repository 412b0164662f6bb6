import { describe, expect, it } from 'vitest';
import { listEndpointOptions } from '@/lib/syncs/endpoint-options';

describe('listEndpointOptions', () => {
  it("lists Braze's instances by cluster and host, then the configured custom endpoints", () => {
    const options = listEndpointOptions(['http://127.0.0.1:4010/', 'https://proxy.example.com/braze']);
    expect(options[0]).toEqual({
      value: 'https://rest.iad-01.braze.com', cluster: 'US-01', host: 'rest.iad-01.braze.com', dashboardHost: 'dashboard-01.braze.com', custom: false,
    });
    expect(options.find((o) => o.cluster === 'EU-01')?.host).toBe('rest.fra-01.braze.eu');
    expect(options.filter((o) => o.custom).map((o) => o.value)).toEqual(['http://127.0.0.1:4010', 'https://proxy.example.com/braze']);
  });

  it('lists no custom endpoint when none is configured', () => {
    expect(listEndpointOptions([]).some((o) => o.custom)).toBe(false);
  });
});
