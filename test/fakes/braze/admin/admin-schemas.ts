import { z } from 'zod';
import type { Fault } from '@/test/fakes/braze/types';

// Bodies of the /_fake/ admin routes. JSON has no Infinity, so a timeout that never answers is
// written as the string "Infinity".

const count = z.number().int().positive().optional();

export const faultSchema = z.union([
  z.strictObject({
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
    html: z.boolean().optional(),
    processed: z.boolean().optional(),
    count,
  }),
  z.strictObject({ status: z.union([z.literal(400), z.literal(413)]), count }),
  z.strictObject({ queued: z.literal(true), count }),
  z.strictObject({
    timeoutMs: z.union([z.number().nonnegative(), z.literal('Infinity').transform(() => Infinity)]),
    processed: z.boolean().optional(),
    count,
  }),
  z.strictObject({ status: z.literal(429), resetInSeconds: z.number().nonnegative().optional(), count }),
  z.strictObject({ slowMs: z.number().nonnegative().max(600_000), count }),
]);

export const faultsSchema = z.array(faultSchema) satisfies z.ZodType<Fault[], unknown>;

export const keysSchema = z.array(
  z.strictObject({
    key: z.string().min(1),
    permissions: z.array(z.string()).optional(),
    otherCluster: z.boolean().optional(),
    objectLimitMode: z.enum(['combined75', 'legacy75each', 'mau50']).optional(),
  }),
);

export const declaredAttributesSchema = z.array(
  z.strictObject({
    name: z.string().min(1),
    data_type: z.string().min(1),
    array_length: z.number().int().positive().nullable().optional(),
    status: z.enum(['Active', 'Blocklisted']).optional(),
    description: z.string().optional(),
  }),
);

export const rateLimitSchema = z.strictObject({
  limit: z.number().int().nonnegative(),
  windowMs: z.number().int().positive(),
});

export const objectLimitModeSchema = z.strictObject({
  mode: z.enum(['combined75', 'legacy75each', 'mau50']),
});
