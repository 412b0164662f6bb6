import { apiRoute } from '@/lib/http/api-route';
import { describeCaller } from '@/lib/http/caller';
import { recordDeletion } from '@/lib/privacy/record-deletion';
import { deleteUsersFormSchema } from '@/lib/privacy/settings-schema';
import { defaultProjectId } from '@/lib/projects/project-settings';

export const POST = apiRoute({ body: deleteUsersFormSchema, status: 201 }, async ({ body, caller }) => {
  const request = await recordDeletion({ projectId: await defaultProjectId(), userIds: body.userIds, requester: describeCaller(caller), source: 'settings' });
  return { id: request.id };
});
