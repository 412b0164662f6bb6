import { describe, expect, it } from 'vitest';
import { ForwardSwitch } from '@/lib/forward/forward-switch';

const request = { receivedAt: 1_700_000_000_000, events: [{ event_type: 'E', user_id: 'user-1' }], clientIp: '203.0.113.5' };

describe('ForwardSwitch', () => {
  it('gives a forward job only for projects that forward, the legacy upload going out as HTTP V2', async () => {
    const forwarding = new ForwardSwitch(async () => ['p-on']);
    try {
      expect(await forwarding.jobFor({ ...request, projectId: 'p-off', route: 'httpapi' })).toBeUndefined();
      expect(await forwarding.jobFor({ ...request, projectId: 'p-on', route: 'legacy' })).toEqual({ projectId: 'p-on', api: 'httpapi', ...request });
      expect(await forwarding.jobFor({ ...request, projectId: 'p-on', route: 'groupidentify' })).toMatchObject({ api: 'groupidentify' });
    } finally {
      forwarding.stop();
    }
  });

  it('fails the request while the first load fails, and loads again on the next one', async () => {
    let calls = 0;
    const forwarding = new ForwardSwitch(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database unreachable');
      return ['p-on'];
    });
    try {
      await expect(forwarding.jobFor({ ...request, projectId: 'p-on', route: 'httpapi' })).rejects.toThrow('database unreachable');
      expect(await forwarding.jobFor({ ...request, projectId: 'p-on', route: 'httpapi' })).toMatchObject({ projectId: 'p-on' });
    } finally {
      forwarding.stop();
    }
  });
});
