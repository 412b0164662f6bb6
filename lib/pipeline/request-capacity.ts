/**
 * Objects allowed in one `/users/track` request, per Braze's rate-limit regime
 * (braze-api.md §2.1): 75 combined by default, 75 per array on legacy limits, 50 combined on
 * MAU contracts.
 */
export type TrackArray = 'events' | 'attributes';
export type ObjectLimitMode = 'combined75' | 'legacy75each' | 'mau50';

export function requestCapacity(mode: ObjectLimitMode): { total: number; perArray: number } {
  switch (mode) {
    case 'legacy75each': return { total: 150, perArray: 75 };
    case 'mau50': return { total: 50, perArray: 50 };
    default: return { total: 75, perArray: 75 };
  }
}
