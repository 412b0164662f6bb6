/**
 * Records a deletion durably before anything is done: the request, its steps (purge this
 * product's copies; `/users/delete` to every sync with Forward deletions on, with the Braze
 * identifiers each sync's mapping gives, read now while the profiles exist) and the refusal of
 * the users' events for the project's grace period. Then it queues the work; if the queue cannot
 * take it, the record is withdrawn and the caller told, so no request waits forever unqueued.
 */
import { prisma } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
import { buildDeleteBodies, type DeletedUser } from '@/lib/privacy/delete-bodies';
import { identifierTextsBySync, mappingOfSync } from '@/lib/privacy/identifier-texts';
import { stepJob } from '@/lib/privacy/requeue-steps';
import { privacyQueue } from '@/lib/queue/queues';

export interface NewDeletion {
  projectId: string;
  userIds: readonly string[];
  amplitudeIds?: readonly string[];
  requester?: string;
  source: 'api' | 'settings';
}

/**
 * `/users/delete` goes this long after the request, so that a `/users/track` of the user already
 * in flight when the deletion came in lands first instead of re-creating the profile afterwards
 * (delivery leaves the user out from the next job on; see lib/privacy/refused-users).
 */
export const FORWARD_DELAY_MS = 5_000;

export async function recordDeletion(input: NewDeletion) {
  const userIds = [...new Set(input.userIds)];
  const project = await prisma().project.findUniqueOrThrow({ where: { id: input.projectId }, select: { deletionGraceDays: true } });
  const [profiles, syncs] = await Promise.all([
    prisma().userProfile.findMany({ where: { projectId: input.projectId, userKey: { in: userIds.map((u) => `u:${u}`) } }, select: { userKey: true, properties: true } }),
    prisma().sync.findMany({ where: { projectId: input.projectId }, select: { id: true, name: true, status: true, forwardDeletions: true, identifierProperty: true, identifierType: true, aliasLabel: true } }),
  ]);
  const stored = new Map(profiles.map((p) => [p.userKey, p.properties as Record<string, unknown>]));
  const users: DeletedUser[] = userIds.map((userId) => ({ userId, properties: stored.get(`u:${userId}`) ?? {} }));
  const forwardSteps = syncs
    // Enabled or not (the workspace holds the user either way); a dry run sends nothing to Braze.
    .filter((s) => s.forwardDeletions && s.status !== 'DRY_RUN')
    .map((s) => ({ kind: 'forward', syncId: s.id, syncName: s.name, payload: buildDeleteBodies(mappingOfSync(s), users) as unknown as Prisma.InputJsonValue }));
  const purgePayload = { userIds, logIdentifiers: identifierTextsBySync(syncs, users) };
  const until = new Date(Date.now() + project.deletionGraceDays * 86_400_000);

  const request = await prisma().$transaction(async (tx) => {
    const created = await tx.deletionRequest.create({
      data: {
        projectId: input.projectId,
        userIds,
        amplitudeIds: [...new Set(input.amplitudeIds ?? [])],
        requester: input.requester || null,
        source: input.source,
        steps: { create: [{ kind: 'purge', payload: purgePayload }, ...forwardSteps] },
      },
      include: { steps: true },
    });
    if (project.deletionGraceDays > 0) {
      for (const userId of userIds) {
        await tx.refusedUser.upsert({
          where: { projectId_userId: { projectId: input.projectId, userId } },
          create: { projectId: input.projectId, userId, until, requestId: created.id },
          update: { until, requestId: created.id },
        });
      }
    }
    return created;
  });

  try {
    await privacyQueue().addBulk(request.steps.map((step) => stepJob(step, FORWARD_DELAY_MS)));
  } catch (err) {
    await prisma().$transaction([
      prisma().refusedUser.deleteMany({ where: { requestId: request.id } }),
      prisma().deletionRequest.delete({ where: { id: request.id } }),
    ]);
    throw err;
  }
  return request;
}
