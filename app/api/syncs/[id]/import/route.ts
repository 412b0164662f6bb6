import { env } from '@/lib/env';
import { apiRoute } from '@/lib/http/api-route';
import { exportSources } from '@/lib/import/export-api';
import { startImportSchema } from '@/lib/import/import-schema';
import { listImports, startImport } from '@/lib/import/import-store';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { syncIdSchema } from '@/lib/syncs/schema';

/** The sync's latest imports, and the Amplitude sources (regions, allowed custom hosts) to import from. */
export const GET = apiRoute({ params: syncIdSchema }, async ({ params }) => ({
  runs: await listImports(await defaultProjectId(), params.id),
  sources: exportSources(env().AMPLITUDE_CUSTOM_ENDPOINTS),
}));

export const POST = apiRoute({ params: syncIdSchema, body: startImportSchema, status: 201 }, async ({ params, body }) =>
  startImport(await defaultProjectId(), params.id, body),
);
