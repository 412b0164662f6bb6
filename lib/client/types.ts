/** Shapes of management API answers, as the browser receives them. */
export type { SyncView } from '@/lib/syncs/sync-view';
export type { SavedSyncView, SaveWarning } from '@/lib/syncs/save-check';
export type { EndpointOption } from '@/lib/syncs/endpoint-options';
export type { ConnectionResult } from '@/lib/syncs/test-connection';
export type { PreviewResult } from '@/lib/syncs/preview';
export type { ProjectSettings } from '@/lib/projects/project-settings';
import type { CatalogView } from '@/lib/syncs/catalog';
import type { RecentUser } from '@/lib/syncs/recent-user';

export type CatalogResponse = CatalogView & { recentUser: RecentUser | null };
