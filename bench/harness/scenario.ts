/**
 * A benchmark scenario: one module in `bench/scenarios/` exporting `scenario`. It starts the
 * processes it needs through the harness, measures, checks what the product kept, and reports.
 */
import type { RunContext } from '@/bench/harness/context';
import type { ProfileSummary } from '@/bench/harness/cpu-profile';
import type { Column } from '@/bench/harness/table';

export interface ScenarioReport {
  title: string;
  columns: Column[];
  rows: string[][];
  /** How to read the table; printed under it. */
  notes: string[];
  /** Broken checks (e.g. the queue holds fewer events than were accepted); any fails the run. */
  failures: string[];
  /** Targets the figures were held against, e.g. "≥ 20,000 events/s: met (41,000)". */
  targets: { name: string; met: boolean; detail: string }[];
  /** With --profile: the whole measured load, and each part of it (e.g. each variant). */
  profile?: { combined: ProfileSummary; parts: { label: string; summary: ProfileSummary }[] };
  /** Everything measured, for results JSON. */
  data: unknown;
}

export interface Scenario {
  name: string;
  description: string;
  run(ctx: RunContext): Promise<ScenarioReport>;
}
