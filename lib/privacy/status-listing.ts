/**
 * Deletions in Amplitude's User Privacy API answer shapes: one job per day, with its status and
 * the users it holds (`amplitude_ids` entries as Amplitude gives them; `user_ids` entries the
 * same way for users named by user ID, since this product assigns no Amplitude IDs).
 */
import { prisma } from '@/lib/db/prisma';

type Request = { userIds: string[]; amplitudeIds: string[]; requester: string | null; status: string; createdAt: Date };

export interface DeletionJobAnswer {
  day: string;
  status: 'staging' | 'submitted' | 'done';
  amplitude_ids: { amplitude_id: string; requester: string | null; requested_on_day: string }[];
  user_ids: { user_id: string; requester: string | null; requested_on_day: string }[];
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function statusOf(requests: readonly Request[]): DeletionJobAnswer['status'] {
  if (requests.every((r) => r.status === 'done')) return 'done';
  return requests.every((r) => r.status === 'staging') ? 'staging' : 'submitted';
}

/** Requests of one day as one job; deletions run when requested, so the job's day is that day. */
export function toDeletionJob(day: string, requests: readonly Request[]): DeletionJobAnswer {
  return {
    day,
    status: statusOf(requests),
    amplitude_ids: requests.flatMap((r) => r.amplitudeIds.map((id) => ({ amplitude_id: id, requester: r.requester, requested_on_day: dayOf(r.createdAt) }))),
    user_ids: requests.flatMap((r) => r.userIds.map((id) => ({ user_id: id, requester: r.requester, requested_on_day: dayOf(r.createdAt) }))),
  };
}

export async function listDeletionJobs(projectId: string, startDay: string, endDay: string): Promise<DeletionJobAnswer[]> {
  const requests = await prisma().deletionRequest.findMany({
    where: { projectId, createdAt: { gte: new Date(`${startDay}T00:00:00Z`), lt: new Date(Date.parse(`${endDay}T00:00:00Z`) + 86_400_000) } },
    orderBy: { createdAt: 'asc' },
    select: { userIds: true, amplitudeIds: true, requester: true, status: true, createdAt: true },
  });
  const byDay = new Map<string, Request[]>();
  for (const r of requests) byDay.set(dayOf(r.createdAt), [...(byDay.get(dayOf(r.createdAt)) ?? []), r]);
  return [...byDay].map(([day, list]) => toDeletionJob(day, list));
}
