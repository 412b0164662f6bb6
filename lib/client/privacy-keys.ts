/** Query keys of the privacy (user deletion) views; mutations invalidate these. */
export const privacyKeys = {
  all: ['privacy'] as const,
  overview: () => [...privacyKeys.all, 'overview'] as const,
  syncDeletions: (syncId: string) => [...privacyKeys.all, 'sync', syncId] as const,
};
