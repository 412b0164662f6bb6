/**
 * The dashboard API's inputs, shared by the route handlers (which parse them) and the browser
 * hooks (which build them), so both sides agree on names and limits.
 */
import { z } from 'zod';
import { DEFAULT_TIME_RANGE, timeRangeSchema } from '@/lib/metrics/time-range';

/** A blank search field means "any". */
const searchText = z
  .string()
  .trim()
  .max(1024)
  .optional()
  .transform((v) => v || undefined);

const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional();

export const rangeQuerySchema = z.object({ range: timeRangeSchema.default(DEFAULT_TIME_RANGE) });
export type RangeQuery = z.input<typeof rangeQuerySchema>;

export const deadLetterQuerySchema = z.object({
  userId: searchText,
  eventType: searchText,
  from: instant,
  to: instant,
  cursor: z.string().trim().min(1).max(64).optional(),
});
export type DeadLetterQuery = z.input<typeof deadLetterQuerySchema>;

export const deliveryLogQuerySchema = z.object({
  userId: searchText,
  eventType: searchText,
  from: instant,
  to: instant,
});
export type DeliveryLogQuery = z.input<typeof deliveryLogQuerySchema>;

/** Replay every letter of one cause (as the failures view groups them), or a selection. */
export const replayRequestSchema = z.union([
  z.object({ ids: z.array(z.string().trim().min(1).max(64)).min(1, 'Select at least one event').max(1_000) }),
  z.object({
    cause: z.object({ kind: z.string().min(1).max(64), status: z.number().int().nullable(), error: z.string().min(1).max(2_000) }),
  }),
]);
export type ReplayRequest = z.infer<typeof replayRequestSchema>;
