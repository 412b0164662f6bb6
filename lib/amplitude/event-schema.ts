/**
 * zod schema of a validated, normalized Amplitude event: every documented field with its type,
 * unknown keys stripped, and `time` always present (filled with the server upload time when the
 * client sent none). Use it where an event crosses a process boundary, e.g. a queue payload.
 * Ingestion itself uses the faster checker in `normalize-event.ts`, driven by the same table.
 */
import { z } from 'zod';
import { EVENT_FIELD_KINDS, type EventFieldKind } from '@/lib/amplitude/event-fields';

const schemaByKind = {
  string: z.string(),
  number: z.number(),
  integer: z.int(),
  boolean: z.boolean(),
  object: z.record(z.string(), z.unknown()),
  'string-object': z.record(z.string(), z.string()),
} as const satisfies Record<EventFieldKind, z.ZodType>;

type SchemaByKind = typeof schemaByKind;
type FieldKinds = typeof EVENT_FIELD_KINDS;
type RequiredField = 'event_type' | 'time';

type EventShape = {
  [Name in keyof FieldKinds]: Name extends RequiredField
    ? SchemaByKind[FieldKinds[Name]]
    : z.ZodOptional<SchemaByKind[FieldKinds[Name]]>;
};

const REQUIRED_FIELDS: ReadonlySet<string> = new Set<RequiredField>(['event_type', 'time']);

function buildEventShape(): EventShape {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, kind] of Object.entries(EVENT_FIELD_KINDS)) {
    const schema = schemaByKind[kind];
    shape[name] = REQUIRED_FIELDS.has(name) ? schema : schema.optional();
  }
  // The loop above builds exactly the mapped type; TypeScript cannot follow Object.entries.
  return shape as EventShape;
}

export const amplitudeEventSchema = z.object(buildEventShape());

/** A validated Amplitude event: `event_type` and `time` (ms) always set, every other field optional. */
export type AmplitudeEvent = z.infer<typeof amplitudeEventSchema>;
