/**
 * The list of held delivery jobs (real Redis): each listed job is handed back once, whoever
 * releases; a sync whose jobs are all handed back is forgotten, unless one was held meanwhile;
 * the releaser hands back only the jobs of syncs no longer paused.
 */
import { describe, expect, it } from 'vitest';
import { HeldJobs, startReleasingHeldJobs } from '@/lib/pipeline/deliver/held-jobs';
import { waitFor } from '@/test/processes';
import { scratchRedisForFile } from '@/test/scratch-redis';

const scratch = scratchRedisForFile('held-jobs');

describe('HeldJobs', () => {
  it('hands each held job back once, even to two releasers at once, and forgets the sync after', async () => {
    const held = new HeldJobs(scratch.redis(), `${scratch.prefix}:a`);
    const ids = Array.from({ length: 1_200 }, (_, i) => `job-${i}`);
    for (const id of ids) await held.add('sync-1', id);
    await held.add('sync-2', 'other');

    const promoted: string[] = [];
    const promote = async (id: string) => void promoted.push(id);
    const counts = await Promise.all([held.release('sync-1', promote), held.release('sync-1', promote)]);
    expect(counts[0] + counts[1]).toBe(1_200);
    expect(promoted.sort()).toEqual([...ids].sort());
    expect(await held.syncIds()).toEqual(['sync-2']);
    expect(await held.jobIds('sync-2')).toEqual(['other']);
  });

  it('keeps a sync listed when a job is held while its others are handed back', async () => {
    const held = new HeldJobs(scratch.redis(), `${scratch.prefix}:b`);
    await held.add('sync-1', 'first');
    await held.release('sync-1', async () => held.add('sync-1', 'held-meanwhile'));
    expect(await held.syncIds()).toEqual(['sync-1']);
    expect(await held.jobIds('sync-1')).toEqual(['held-meanwhile']);
  });

  it('the releaser hands back the jobs of resumed syncs only', async () => {
    const held = new HeldJobs(scratch.redis(), `${scratch.prefix}:c`);
    await held.add('paused', 'p-1');
    await held.add('resumed', 'r-1');
    await held.add('resumed', 'r-2');
    const promoted: string[] = [];
    const errors: Error[] = [];
    const stop = startReleasingHeldJobs({
      held,
      isPaused: async (syncId) => syncId === 'paused',
      promote: async (id) => void promoted.push(id),
      onReleased: () => undefined,
      onError: (err) => errors.push(err),
      intervalMs: 20,
    });
    await waitFor(() => promoted.length === 2, { what: 'the resumed sync released' });
    await stop();
    expect(promoted.sort()).toEqual(['r-1', 'r-2']);
    expect(await held.jobIds('paused')).toEqual(['p-1']);
    expect(errors).toEqual([]);
  });
});
