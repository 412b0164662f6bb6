import { describe, expect, it } from 'vitest';
import { Partitions, splitConcurrency } from '@/lib/queue/partitions';

const six = new Partitions({ base: 'bzs', count: 6, cluster: true });

describe('Partitions', () => {
  it('keeps the prefix of one partition on one Redis exactly as it was', () => {
    const one = new Partitions({ base: 'bzs', count: 1, cluster: false });
    expect(one.tagged).toBe(false);
    expect(one.prefixOf(0)).toBe('bzs');
    expect(one.ofEvent('project', { user_id: 'anyone' })).toBe(0);
    expect(one.jobIdentity(0, '42')).toBe('42');
  });

  it('tags every partition with a hash tag on a cluster, or with several partitions', () => {
    expect(new Partitions({ base: 'bzs', count: 1, cluster: true }).prefixOf(0)).toBe('{bzs:p0}');
    expect(new Partitions({ base: 'bzs', count: 3, cluster: false }).all.map((p) => `${p}`)).toEqual(['0', '1', '2']);
    expect(six.prefixOf(5)).toBe('{bzs:p5}');
    expect(six.jobIdentity(5, '42')).toBe('p5-42');
    expect(() => six.prefixOf(6)).toThrow(/no partition 6: there are 6/);
    expect(() => new Partitions({ base: 'bzs', count: 0, cluster: true })).toThrow(/at least 1/);
  });

  it('maps a user to the same partition every time, by user, else device, else insert_id', () => {
    // Stable across processes and versions: every app and worker computes these very values, and
    // a change would move users (and their queued state) to other partitions.
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => six.ofKey('project-a', `u:user-${i}`))).toEqual([1, 2, 3, 4, 3, 4, 5, 0]);
    const pinned = six.ofKey('project-a', 'u:user-1');
    expect(six.ofEvent('project-a', { user_id: 'user-1', device_id: 'phone', insert_id: 'x' })).toBe(pinned);
    expect(six.ofEvent('project-a', { device_id: 'phone', insert_id: 'x' })).toBe(six.ofKey('project-a', 'd:phone'));
    expect(six.ofEvent('project-a', { insert_id: 'x' })).toBe(six.ofKey('project-a', 'i:x'));
    expect(six.ofEvent('project-a', {})).toBe(0);
    expect(six.ofEvent('project-a', { user_id: '', device_id: 'phone' })).toBe(six.ofKey('project-a', 'd:phone'));
  });

  it('spreads users evenly over the partitions, and the same user of two projects independently', () => {
    const counts = Array.from({ length: 6 }, () => 0);
    for (let i = 0; i < 60_000; i++) counts[six.ofKey('project-a', `u:user-${i}`)]! += 1;
    // Each within 5% of the even share (10,000).
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    const differs = Array.from({ length: 100 }, (_, i) => six.ofKey('project-a', `u:${i}`) !== six.ofKey('project-b', `u:${i}`)).filter(Boolean).length;
    expect(differs).toBeGreaterThan(60);
  });

  it('groups items by partition, keeping their order', () => {
    const groups = six.group(['a1', 'b1', 'a2', 'b2'], (s) => (s.startsWith('a') ? 0 : 3));
    expect([...groups]).toEqual([
      [0, ['a1', 'a2']],
      [3, ['b1', 'b2']],
    ]);
  });
});

describe('splitConcurrency', () => {
  it("splits a worker's total over its partitions, at least one each", () => {
    expect(splitConcurrency(50, 1)).toEqual([50]);
    expect(splitConcurrency(50, 6)).toEqual([9, 9, 8, 8, 8, 8]);
    expect(splitConcurrency(2, 3)).toEqual([1, 1, 1]);
  });
});
