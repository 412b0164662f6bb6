/** Every TanStack Query key of the UI, so invalidations name exactly what they refresh. */
export const queryKeys = {
  syncs: {
    all: ['syncs'] as const,
    list: () => [...queryKeys.syncs.all, 'list'] as const,
    detail: (id: string) => [...queryKeys.syncs.all, 'detail', id] as const,
  },
  brazeEndpoints: () => ['braze', 'endpoints'] as const,
  catalog: () => ['catalog'] as const,
  project: () => ['project'] as const,
  alerts: {
    settings: () => ['alerts', 'settings'] as const,
    health: () => ['alerts', 'health'] as const,
  },
  apiTokens: () => ['api-tokens'] as const,
  forward: {
    settings: () => ['forward', 'settings'] as const,
    overview: () => ['forward', 'overview'] as const,
  },
};
