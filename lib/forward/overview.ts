/**
 * Forwarding at a glance, for the Delivery page: what reached Amplitude and what it refused in
 * the last hour and day, p95 latency from ingestion to Amplitude's 200 over the last hour, the
 * requests waiting in the forward queue, and the latest refusals with Amplitude's answer.
 */
import { prisma } from '@/lib/db/prisma';
import { addHistograms, emptyHistogram, quantileOf } from '@/lib/metrics/latency';
import { loadQueueDepth, type QueueDepth } from '@/lib/queue/backlog';
import { everyPartition, forwardQueue } from '@/lib/queue/queues';

const RECENT_FAILURES = 5;

export interface ForwardWindow {
  forwarded: number;
  failed: number;
}

export interface ForwardOverview {
  enabled: boolean;
  lastHour: ForwardWindow;
  lastDay: ForwardWindow;
  p95LatencyMs: number | null;
  /** Forwarded requests waiting (queued, in flight, or waiting for a retry). */
  backlog: { requests: number; retrying: number; oldestAt: string | null };
  recentFailures: { at: string; status: number; answer: string; eventType: string | null; insertId: string | null }[];
}

async function sumSince(projectId: string, since: Date) {
  const rows = await prisma().forwardMinuteMetric.findMany({ where: { projectId, minute: { gte: since } } });
  const totals = { forwarded: 0, failed: 0, latency: emptyHistogram() };
  for (const row of rows) {
    totals.forwarded += row.forwarded;
    totals.failed += row.failed;
    addHistograms(totals.latency, row.latencyBuckets);
  }
  return totals;
}

const requestsOf = (depth: QueueDepth) => depth.waiting + depth.active + depth.delayed;

export async function loadForwardOverview(projectId: string, now = new Date()): Promise<ForwardOverview> {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const [settings, hour, day, depth, failures] = await Promise.all([
    prisma().forwardSettings.findUnique({ where: { projectId }, select: { enabled: true } }),
    sumSince(projectId, hourAgo),
    sumSince(projectId, new Date(now.getTime() - 24 * 3_600_000)),
    loadQueueDepth(everyPartition(forwardQueue)),
    prisma().forwardFailure.findMany({ where: { projectId }, orderBy: { createdAt: 'desc' }, take: RECENT_FAILURES }),
  ]);
  return {
    enabled: settings?.enabled ?? false,
    lastHour: { forwarded: hour.forwarded, failed: hour.failed },
    lastDay: { forwarded: day.forwarded, failed: day.failed },
    p95LatencyMs: quantileOf(hour.latency, 0.95),
    backlog: { requests: requestsOf(depth), retrying: depth.delayed, oldestAt: depth.oldestAt === null ? null : new Date(depth.oldestAt).toISOString() },
    recentFailures: failures.map((f) => ({ at: f.createdAt.toISOString(), status: f.status, answer: f.answer, eventType: f.eventType, insertId: f.insertId })),
  };
}
