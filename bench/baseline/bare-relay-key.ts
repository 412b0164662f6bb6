/** The bare relay's one Redis key, under the run's prefix (so the run's clean-up deletes it). */
export const bareRelayListKey = (prefix: string) => `${prefix}:bare-relay:bodies`;
