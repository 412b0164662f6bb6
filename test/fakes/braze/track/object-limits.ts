import type { InputArray, ObjectLimitMode } from '@/test/fakes/braze/types';

export interface ObjectLimit {
  combined: number;
  perArray: number;
}

// Objects per /users/track request under each rate-limit regime (braze-api.md §2.1).
export const TRACK_OBJECT_LIMITS: Record<ObjectLimitMode, ObjectLimit> = {
  combined75: { combined: 75, perArray: 75 },
  legacy75each: { combined: 225, perArray: 75 },
  mau50: { combined: 50, perArray: 50 },
};

// /users/track/sync takes one object (braze-api.md §4.4); /users/track/bulk up to 1,000 (§4.5).
export const SYNC_OBJECT_LIMIT: ObjectLimit = { combined: 1, perArray: 1 };
export const BULK_OBJECT_LIMIT: ObjectLimit = { combined: 1000, perArray: 1000 };

export function exceedsObjectLimit(limit: ObjectLimit, lengths: Record<InputArray, number>): boolean {
  const { attributes, events, purchases } = lengths;
  return (
    attributes + events + purchases > limit.combined ||
    attributes > limit.perArray ||
    events > limit.perArray ||
    purchases > limit.perArray
  );
}
