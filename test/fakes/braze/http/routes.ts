import { handleCustomAttributes } from '@/test/fakes/braze/custom-attributes/handle-custom-attributes';
import type { BrazeRoute } from '@/test/fakes/braze/http/route-types';
import { handleTrack } from '@/test/fakes/braze/track/handle-track';
import { handleTrackSync } from '@/test/fakes/braze/track/handle-track-sync';
import { BULK_OBJECT_LIMIT, TRACK_OBJECT_LIMITS } from '@/test/fakes/braze/track/object-limits';
import { handleAliasNew } from '@/test/fakes/braze/users/handle-alias-new';
import { handleDelete } from '@/test/fakes/braze/users/handle-delete';
import { handleExportIds } from '@/test/fakes/braze/users/handle-export-ids';
import { handleIdentify } from '@/test/fakes/braze/users/handle-identify';
import { handleMerge } from '@/test/fakes/braze/users/handle-merge';
import type { RateLimit } from '@/test/fakes/braze/types';

const perMinute = (limit: number) => (): RateLimit => ({ limit, windowMs: 60_000 });

// Shared by alias/new, alias/update, identify, merge and delete: 20,000 per minute (braze-api.md §4.3).
const userManagement = { rateBucket: 'users.management', rateLimit: perMinute(20_000), acceptsFaults: false };

/** Every Braze endpoint the fake serves, by exact path: `/users/track/` is not `/users/track`. */
export const BRAZE_ROUTES: ReadonlyMap<string, BrazeRoute> = new Map<string, BrazeRoute>([
  [
    '/users/track',
    {
      permission: 'users.track',
      rateBucket: 'users.track',
      rateLimit: (state) => state.rateLimit,
      acceptsFaults: true,
      // A workspace (key) may have its own limit, e.g. 50 on an MAU contract (braze-api.md §2.1).
      handle: (input) => handleTrack(input, TRACK_OBJECT_LIMITS[input.state.keys.get(input.apiKey)?.objectLimitMode ?? input.state.objectLimitMode]),
    },
  ],
  // 500 requests per minute, one object per request (braze-api.md §4.4).
  [
    '/users/track/sync',
    {
      permission: 'users.track.sync',
      rateBucket: 'users.track.sync',
      rateLimit: perMinute(500),
      acceptsFaults: true,
      handle: handleTrackSync,
    },
  ],
  // 50 requests per second, 1,000 objects, 2 MB answered with 400 (braze-api.md §4.5).
  [
    '/users/track/bulk',
    {
      permission: 'users.track.bulk',
      rateBucket: 'users.track.bulk',
      rateLimit: () => ({ limit: 50, windowMs: 1000 }),
      acceptsFaults: true,
      bodyLimit: { maxBytes: 2 * 1024 * 1024, status: 400 },
      handle: (input) => handleTrack(input, BULK_OBJECT_LIMIT),
    },
  ],
  ['/users/alias/new', { ...userManagement, permission: 'users.alias.new', handle: handleAliasNew }],
  ['/users/identify', { ...userManagement, permission: 'users.identify', handle: handleIdentify }],
  ['/users/merge', { ...userManagement, permission: 'users.merge', handle: handleMerge }],
  // Faults too, so a deletion's retry after a 5xx can be exercised like a delivery's.
  ['/users/delete', { ...userManagement, acceptsFaults: true, permission: 'users.delete', handle: handleDelete }],
  // 2,500 per minute for workspaces onboarded before 22 Aug 2024, 250 after (braze-api.md §4.3);
  // the fake takes the larger so tests that read state back are not throttled.
  [
    '/users/export/ids',
    {
      permission: 'users.export.ids',
      rateBucket: 'users.export.ids',
      rateLimit: perMinute(2500),
      acceptsFaults: false,
      handle: handleExportIds,
    },
  ],
  // 1,000 requests per hour, shared with /events, /events/list and /purchases/product_list
  // (Braze "Export custom attributes").
  [
    '/custom_attributes',
    {
      method: 'GET',
      permission: 'custom_attributes.get',
      rateBucket: 'export.shared',
      rateLimit: () => ({ limit: 1000, windowMs: 3_600_000 }),
      acceptsFaults: false,
      handle: handleCustomAttributes,
    },
  ],
]);
