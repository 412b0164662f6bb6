/**
 * A GET route's query string, parsed with its zod schema (repeated names keep the last value).
 * A malformed one throws the ZodError, which lib/http/errors answers as 400 per field.
 */
import type { z } from 'zod';

export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return schema.parse(Object.fromEntries(new URL(request.url).searchParams));
}
