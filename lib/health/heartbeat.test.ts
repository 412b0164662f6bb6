import { describe, expect, it } from 'vitest';
import { unconsumedPartitions, workerId } from '@/lib/health/heartbeat';

describe('worker ids and partitions', () => {
  it('names the partitions a worker consumes only when they are not all', () => {
    expect(workerId('all')).toMatch(/^[^#]+:\d+$/);
    expect(workerId([0, 1, 5])).toMatch(/:\d+#0,1,5$/);
  });

  it('tells the partitions no live worker consumes', () => {
    expect(unconsumedPartitions(['a:1#0,1', 'b:2#1,2'], 3)).toEqual([]);
    expect(unconsumedPartitions(['a:1#0,1', 'b:2#1'], 4)).toEqual([2, 3]);
    // A worker consuming all covers every partition.
    expect(unconsumedPartitions(['a:1#0', 'b:2'], 6)).toEqual([]);
    expect(unconsumedPartitions([], 2)).toEqual([0, 1]);
  });
});
