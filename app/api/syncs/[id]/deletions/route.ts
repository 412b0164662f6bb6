import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-route';
import { readSyncDeletions } from '@/lib/privacy/overview';

export const GET = apiRoute({ params: z.object({ id: z.string().min(1) }) }, async ({ params }) => readSyncDeletions(params.id));
