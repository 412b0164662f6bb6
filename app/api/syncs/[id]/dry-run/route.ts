import { loadDryRunEstimate } from '@/lib/dry-run/estimate';
import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { syncIdSchema } from '@/lib/syncs/schema';

/** What the sync, as a dry run, would have sent: hourly figures, projections and sample requests. */
export const GET = apiRoute({ params: syncIdSchema }, async ({ params }) => loadDryRunEstimate(await defaultProjectId(), params.id));
