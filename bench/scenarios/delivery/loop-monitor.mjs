// Preloaded into the benchmark's worker processes (`node --import <this file>`): every 2 s it
// prints how late the event loop ran in that interval, and what the garbage collector did in it,
// as a JSON line the benchmark reads. A late loop delays everything timed in the worker — job
// lock renewals, linger timers, request timeouts. What young-generation collections move to the
// old generation (objects that outlived two of them) is what the full collections, on V8's
// helper threads, must then mark and sweep.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { GCProfiler } from 'node:v8';

const INTERVAL_MS = 2_000;
// Where survivors of young-generation collections go: large objects have a space of their own.
const OLD_SPACES = new Set(['old_space', 'large_object_space']);
const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
let gcProfiler = new GCProfiler();
gcProfiler.start();
let last = Date.now();

const usedIn = (stats, spaces) => stats.heapSpaceStatistics.reduce((sum, s) => (spaces.has(s.spaceName) ? sum + s.spaceUsedSize : sum), 0);

/** The interval's collections: how many of each kind, their main-thread time, and the bytes promoted. */
function gcSummary() {
  const { statistics } = gcProfiler.stop();
  gcProfiler = new GCProfiler();
  gcProfiler.start();
  const gc = { young: 0, youngMs: 0, full: 0, fullMs: 0, promotedBytes: 0 };
  for (const s of statistics) {
    if (s.gcType === 'Scavenge' || s.gcType === 'MinorMarkSweep') {
      gc.young++;
      gc.youngMs += s.cost / 1_000;
      gc.promotedBytes += Math.max(0, usedIn(s.afterGC, OLD_SPACES) - usedIn(s.beforeGC, OLD_SPACES));
    } else if (s.gcType === 'MarkSweepCompact') {
      gc.full++;
      gc.fullMs += s.cost / 1_000;
    } else if (s.gcType === 'IncrementalMarking') {
      gc.fullMs += s.cost / 1_000;
    }
  }
  return gc;
}

const timer = setInterval(() => {
  const now = Date.now();
  // A timer that itself fired late shows the longest stall too, even one longer than the interval.
  const late = Math.max(0, now - last - INTERVAL_MS);
  last = now;
  const ms = (ns) => Math.round(ns / 1e6);
  process.stdout.write(
    `${JSON.stringify({ msg: 'bench event loop', at: now, p99Ms: ms(histogram.percentile(99)), maxMs: Math.max(ms(histogram.max), late), gc: gcSummary() })}\n`,
  );
  histogram.reset();
}, INTERVAL_MS);
timer.unref();
