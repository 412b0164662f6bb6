// Preloaded into the benchmark's worker processes (`node --import <this file>`): every 2 s it
// prints how late the event loop ran in that interval, as a JSON line the benchmark reads. A late
// loop delays everything timed in the worker — job lock renewals, linger timers, request timeouts.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const INTERVAL_MS = 2_000;
const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
let last = Date.now();
const timer = setInterval(() => {
  const now = Date.now();
  // A timer that itself fired late shows the longest stall too, even one longer than the interval.
  const late = Math.max(0, now - last - INTERVAL_MS);
  last = now;
  const ms = (ns) => Math.round(ns / 1e6);
  process.stdout.write(
    `${JSON.stringify({ msg: 'bench event loop', at: now, p99Ms: ms(histogram.percentile(99)), maxMs: Math.max(ms(histogram.max), late) })}\n`,
  );
  histogram.reset();
}, INTERVAL_MS);
timer.unref();
