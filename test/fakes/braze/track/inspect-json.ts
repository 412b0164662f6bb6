// One pass over a JSON value that yields what the size and string-length rules need, so large
// batches are checked in linear time without serialising every object.

export const MAX_STRING_LENGTH = 255; // braze-api.md §2.5 (strings), §2.6 (property values)
export const MAX_OBJECT_BYTES = 100 * 1024; // braze-api.md §2.5 (nested objects), §2.6 (properties)

export interface JsonShape {
  /** Close to the length of JSON.stringify(value); exact for ASCII text without escapes. */
  approxBytes: number;
  hasLongString: boolean;
}

export function inspectJson(value: unknown): JsonShape {
  const shape: JsonShape = { approxBytes: 0, hasLongString: false };
  visit(value, shape);
  return shape;
}

function visit(value: unknown, shape: JsonShape): void {
  if (typeof value === 'string') {
    shape.approxBytes += value.length + 2;
    if (value.length > MAX_STRING_LENGTH) shape.hasLongString = true;
  } else if (Array.isArray(value)) {
    shape.approxBytes += 2 + Math.max(0, value.length - 1);
    for (const item of value) visit(item, shape);
  } else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    // for...in over parsed JSON sees own keys only and allocates no entry arrays.
    shape.approxBytes += 1;
    for (const key in object) {
      shape.approxBytes += key.length + 4;
      if (key.length > MAX_STRING_LENGTH) shape.hasLongString = true;
      visit(object[key], shape);
    }
  } else {
    shape.approxBytes += String(value).length; // number, boolean or null
  }
}
