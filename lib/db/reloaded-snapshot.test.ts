import { describe, expect, it } from 'vitest';
import { ReloadedSnapshot } from '@/lib/db/reloaded-snapshot';
import { waitFor } from '@/test/processes';

/** A table whose reads can be made to fail, counting them. */
function table() {
  const state = { rows: ['a'], failing: false, loads: 0 };
  return {
    state,
    load: async () => {
      state.loads++;
      if (state.failing) throw new Error('database unreachable');
      return new Set(state.rows);
    },
  };
}

describe('ReloadedSnapshot', () => {
  it('waits for the first load, then serves from memory and picks up changes at the next reload', async () => {
    const source = table();
    const snapshot = new ReloadedSnapshot({ load: source.load, refreshMs: 10, what: 'rows' });
    try {
      expect(snapshot.current).toBeUndefined();
      expect([...(await snapshot.ready())]).toEqual(['a']);
      source.state.rows = ['a', 'b'];
      await waitFor(() => snapshot.current?.has('b') || undefined, { what: 'the change loaded', timeoutMs: 5_000 });
    } finally {
      snapshot.stop();
    }
  });

  it('gives the first load error to its caller and loads again on the next call', async () => {
    const source = table();
    source.state.failing = true;
    const snapshot = new ReloadedSnapshot({ load: source.load, refreshMs: 10, what: 'rows' });
    try {
      await expect(snapshot.ready()).rejects.toThrow('database unreachable');
      source.state.failing = false;
      expect([...(await snapshot.ready())]).toEqual(['a']);
    } finally {
      snapshot.stop();
    }
  });

  it('keeps the last snapshot while reloads fail', async () => {
    const source = table();
    const snapshot = new ReloadedSnapshot({ load: source.load, refreshMs: 10, what: 'rows' });
    try {
      await snapshot.start();
      source.state.failing = true;
      const failedFrom = source.state.loads;
      await waitFor(() => source.state.loads >= failedFrom + 3 || undefined, { what: 'three failed reloads', timeoutMs: 5_000 });
      expect([...(await snapshot.ready())]).toEqual(['a']);
    } finally {
      snapshot.stop();
    }
  });

  it('shares one read among callers asking for a reload together', async () => {
    const source = table();
    const snapshot = new ReloadedSnapshot({ load: source.load, refreshMs: 60_000, what: 'rows' });
    try {
      await snapshot.start();
      const before = source.state.loads;
      await Promise.all([snapshot.refresh(), snapshot.refresh(), snapshot.refresh()]);
      expect(source.state.loads).toBe(before + 1);
    } finally {
      snapshot.stop();
    }
  });
});
