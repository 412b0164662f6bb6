/** The ingestion scenario's table, notes and targets. */
import type { Column } from '@/bench/harness/table';
import { formatNumber } from '@/bench/harness/table';
import { USERS } from '@/bench/scenarios/ingestion/events';
import { TARGET_EVENTS_PER_SECOND, type VariantResult } from '@/bench/scenarios/ingestion/variants';

export const COLUMNS: Column[] = [
  { header: 'variant', align: 'left' },
  { header: 'conns' },
  { header: 'req/s' },
  { header: 'events/s accepted' },
  { header: 'events per app CPU-s' },
  { header: 'p50 ms' },
  { header: 'p99 ms' },
  { header: 'non-200', align: 'left' },
  { header: 'conn errors' },
  { header: 'app CPU' },
  { header: 'loadgen CPU' },
  { header: 'Redis CPU' },
  { header: 'other CPU' },
  { header: 'app RSS peak MiB' },
  { header: 'app RSS end MiB' },
  { header: 'queue check', align: 'left' },
];

function statusSummary(counts: Record<string, number>): string {
  const other = Object.entries(counts).filter(([status]) => status !== '200');
  return other.length === 0 ? '0' : other.map(([status, n]) => `${status}×${n}`).join(' ');
}

const cpu = (p: number | undefined) => (p === undefined ? '–' : `${Math.round(p)} %`);

export function toRow(r: VariantResult): string[] {
  const app = r.usage.processes.app;
  return [
    r.variant.name,
    String(r.connections),
    formatNumber(r.requestsPerSecond),
    formatNumber(r.eventsPerSecond),
    formatNumber(r.eventsPerAppCpuSecond),
    formatNumber(r.load.latencyMs.p50, 1),
    formatNumber(r.load.latencyMs.p99, 1),
    statusSummary(r.load.statusCounts),
    String(r.load.connectionErrors + r.load.timeouts),
    cpu(app?.cpuPercent),
    cpu(r.usage.processes.loadGenerator?.cpuPercent),
    cpu(r.usage.processes.redis?.cpuPercent),
    cpu(r.usage.otherCpuPercent),
    formatNumber(app?.rssPeakMib),
    formatNumber(app?.rssEndMib),
    r.queueMatches ? `ok (${formatNumber(r.queue.waitingJobs)} jobs)` : 'MISMATCH',
  ];
}

export function notes(opts: { durationSec: number; warmupSec: number; connections: number }): string[] {
  return [
    `Each variant ran ${opts.durationSec} s (after a ${opts.warmupSec} s warm-up) with ${opts.connections} keep-alive connections from a separate load-generator process, each sending its next request as soon as the previous one was answered.`,
    `Events: ${USERS.toLocaleString('en-US')} distinct users, 15 standard fields, 10–20 event properties, 4 user properties, a unique insert_id each (~1 KB of JSON per event). gzip bodies are compressed once and cycled.`,
    'events/s counts only 200 answers whose body says code 200. req/s and latencies cover every answer; the window ends with the last answer (requests in flight at the deadline are completed, not cut).',
    'CPU is in % of one core (100 % = one core busy). "other" is the rest of the machine\'s busy CPU (other programs): on 2 cores, what it takes is not available to the app.',
    'events per app CPU-s = events/s ÷ the app\'s CPU share: what one fully busy core would accept at this efficiency. It varies less than events/s when other programs take CPU, but heavy contention lowers it too.',
    'queue check: after each variant the waiting ingest jobs and the events they hold must equal the accepted requests and events exactly.',
  ];
}

export function targets(results: VariantResult[]) {
  return results.map((r) => ({
    name: `≥ ${formatNumber(TARGET_EVENTS_PER_SECOND)} events/s accepted (${r.variant.name})`,
    met: r.eventsPerSecond >= TARGET_EVENTS_PER_SECOND,
    detail: `${formatNumber(r.eventsPerSecond)} events/s`,
  }));
}
