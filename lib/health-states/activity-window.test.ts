import { describe, expect, it } from 'vitest';
import { ActivityWindow } from '@/lib/health-states/activity-window';

const T0 = Date.UTC(2026, 11, 6, 12, 0, 30);
const MINUTE = Date.UTC(2026, 11, 6, 12, 0, 0);
const row = (delivered: number, retried = 0, failed = 0, minute = MINUTE) => ({ syncId: 's1', minute, delivered, failed, retried });

describe('ActivityWindow', () => {
  it('places what a row gained between two reads at the second read', () => {
    const w = new ActivityWindow(300_000);
    w.observe([row(10)], T0);
    w.observe([row(10, 5)], T0 + 10_000);
    w.observe([row(12, 5)], T0 + 20_000);
    expect(w.totals('s1', 15_000, T0 + 20_000)).toEqual({ delivered: 2, failed: 0, retried: 5 });
    expect(w.totals('s1', 5_000, T0 + 20_000)).toEqual({ delivered: 2, failed: 0, retried: 0 });
    expect(w.totals('s1', 60_000, T0 + 20_000)).toEqual({ delivered: 12, failed: 0, retried: 5 });
  });

  it('places rows of the first read at the end of their minute, never after now', () => {
    const w = new ActivityWindow(300_000);
    const older = MINUTE - 120_000;
    w.observe([row(7, 0, 0, older), row(3)], T0);
    expect(w.totals('s1', 10_000, T0)).toEqual({ delivered: 3, failed: 0, retried: 0 });
    expect(w.totals('s1', 200_000, T0)).toEqual({ delivered: 10, failed: 0, retried: 0 });
  });

  it('counts a row first seen after the first read in full, at that read', () => {
    const w = new ActivityWindow(300_000);
    w.observe([], T0);
    w.observe([row(0, 0, 4, MINUTE + 60_000)], T0 + 40_000);
    expect(w.totals('s1', 1_000, T0 + 40_000)).toEqual({ delivered: 0, failed: 4, retried: 0 });
  });

  it('forgets samples past the window and everything on reset', () => {
    const w = new ActivityWindow(30_000);
    w.observe([row(1)], T0);
    w.observe([row(2)], T0 + 10_000);
    w.observe([row(2)], T0 + 50_000);
    expect(w.totals('s1', 300_000, T0 + 50_000)).toEqual({ delivered: 0, failed: 0, retried: 0 });
    w.observe([row(5)], T0 + 55_000);
    w.reset();
    w.observe([row(5)], T0 + 56_000);
    expect(w.totals('s1', 30_000, T0 + 56_000)).toEqual({ delivered: 5, failed: 0, retried: 0 });
  });
});
