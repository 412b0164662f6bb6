import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendToLog, createBoundedLog, readLog } from '@/test/fakes/braze/record/bounded-log';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { event, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze } from '@/test/fakes/braze/types';

describe('bounded log', () => {
  it('keeps the newest entries within the weight limit', () => {
    const log = createBoundedLog<number>(5);
    for (let i = 1; i <= 8; i += 1) appendToLog(log, i);
    expect(readLog(log)).toEqual([4, 5, 6, 7, 8]);
    expect(readLog(log, 2)).toEqual([7, 8]);
    appendToLog(log, 9, 3);
    expect(readLog(log)).toEqual([7, 8, 9]);
  });

  it('keeps an entry heavier than the limit on its own', () => {
    const log = createBoundedLog<string>(2);
    appendToLog(log, 'a');
    appendToLog(log, 'huge', 10);
    expect(readLog(log)).toEqual(['huge']);
  });

  it('stays correct across compaction', () => {
    const log = createBoundedLog<number>(10);
    for (let i = 0; i < 5000; i += 1) appendToLog(log, i);
    expect(readLog(log)).toEqual([4990, 4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999]);
    expect(log.entries.length).toBeLessThan(3000);
  });
});

describe('recordLimit', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze({ recordLimit: 4 });
  });
  afterAll(() => fake.close());

  it('keeps only the newest objects readable while the counters stay exact', async () => {
    for (let batch = 0; batch < 3; batch += 1) {
      await track(fake, { events: [event(`b${batch}-0`), event(`b${batch}-1`), event(`b${batch}-2`)] });
    }
    expect(fake.events().map((accepted) => accepted.object.name)).toEqual(['b1-2', 'b2-0', 'b2-1', 'b2-2']);
    expect(fake.stats()).toMatchObject({ eventsAccepted: 9, requests: 3, dataPoints: 9 });
    // A request weighs as much as the objects it carries: one 3-object body fits in 4.
    expect(fake.requests()).toHaveLength(1);
  });
});
