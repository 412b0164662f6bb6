import { apiRoute } from '@/lib/http/api-route';
import { importActionSchema, importIdSchema } from '@/lib/import/import-schema';
import { steerImport } from '@/lib/import/import-store';
import { defaultProjectId } from '@/lib/projects/project-settings';

/** Pause, resume or cancel an import. */
export const PATCH = apiRoute({ params: importIdSchema, body: importActionSchema }, async ({ params, body }) =>
  steerImport(await defaultProjectId(), params.id, params.importId, body.action),
);
