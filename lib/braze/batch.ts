import type { TrackBatchMode } from '@/lib/braze/config-schemas';
import { measureJsonBytes } from '@/lib/braze/json';
import type { MinorError } from '@/lib/braze/outcome';
import type { TrackArrayName, TrackRequestBody } from '@/lib/braze/types';

/** Most Braze endpoints accept bodies up to "4 MB" (braze-api.md §2.1); 4,000,000 bytes is under every reading. */
export const MAX_TRACK_PAYLOAD_BYTES = 4_000_000;

/** One object bound for a `/users/track` array; extra fields (a `ref` to the source) ride along. */
export type TrackItem = { array: TrackArrayName; object: object };

export type TrackBatch<T extends TrackItem = TrackItem> = {
  /** The items of this request, in input order. */
  items: T[];
  /** For each item, its position in the list given to `chunkTrackObjects` / `buildTrackBatch`. */
  indexes: number[];
  body: TrackRequestBody;
  /** `sources[array][i]` is the position in `items` of `body[array][i]`: what Braze's `index` refers to. */
  sources: Record<TrackArrayName, number[]>;
  /** Upper bound of the serialised body size. */
  bytes: number;
  /** A single object larger than the payload limit; Braze will refuse it (413/400). */
  oversized: boolean;
};

const ARRAYS: readonly TrackArrayName[] = ['attributes', 'events', 'purchases'];

/** Objects one `/users/track` request may hold: in all, and in each array. */
export type RequestCapacity = { total: number; perArray: number };

/**
 * The one table of per-request object limits (braze-api.md §2.1): 75 combined by default,
 * 50 combined on MAU contracts, 75 in each array on legacy limits.
 */
export function requestCapacity(mode: TrackBatchMode): RequestCapacity {
  if (mode === 'combined75') return { total: 75, perArray: 75 };
  if (mode === 'mau50') return { total: 50, perArray: 50 };
  if (mode === 'legacy75each') return { total: 75 * ARRAYS.length, perArray: 75 };
  if (!Number.isInteger(mode.combined) || mode.combined < 1) {
    throw new RangeError(`object limit must be a positive integer, got ${String(mode.combined)}`);
  }
  return { total: mode.combined, perArray: mode.combined };
}

/**
 * A `/users/track` body as JSON text, its objects serialised by `jsonOf`: exactly
 * `JSON.stringify(body)` when `jsonOf` is `JSON.stringify`, but a caller that already holds each
 * object's JSON (lib/pipeline/deliver/object-bytes) serialises nothing twice.
 */
export function trackBodyJson(body: TrackRequestBody, jsonOf: (object: object) => string = (o) => JSON.stringify(o)): string {
  const parts: string[] = [];
  for (const [array, objects] of Object.entries(body)) {
    if (objects === undefined) continue;
    parts.push(`${JSON.stringify(array)}:[${(objects as readonly object[]).map((o) => jsonOf(o)).join(',')}]`);
  }
  return `{${parts.join(',')}}`;
}

function hasRoom(batch: TrackBatch<TrackItem>, array: TrackArrayName, cap: RequestCapacity): boolean {
  return batch.items.length < cap.total && batch.sources[array].length < cap.perArray;
}

function emptyBatch<T extends TrackItem>(): TrackBatch<T> {
  return { items: [], indexes: [], body: {}, sources: { attributes: [], events: [], purchases: [] }, bytes: 2, oversized: false };
}

// Conservative size of adding one object: its JSON, a comma, and the `"name":[]` wrapper plus
// a comma when it opens a new array. Never below the real serialised size.
function addedBytes(batch: TrackBatch<TrackItem>, item: TrackItem, objectBytes: number): number {
  const opensArray = batch.sources[item.array].length === 0;
  return objectBytes + 1 + (opensArray ? item.array.length + 6 : 0);
}

function push<T extends TrackItem>(batch: TrackBatch<T>, item: T, index: number, bytes: number): void {
  batch.sources[item.array].push(batch.items.length);
  batch.items.push(item);
  batch.indexes.push(index);
  batch.bytes += bytes;
  batch.oversized = batch.bytes > MAX_TRACK_PAYLOAD_BYTES;
}

/** The same batch without its last object (sizes counted again, so the bound stays exact). */
function withoutLast<T extends TrackItem>(batch: TrackBatch<T>, sizeOf: (object: object) => number): TrackBatch<T> {
  const out = emptyBatch<T>();
  for (let i = 0; i < batch.items.length - 1; i++) {
    const item = batch.items[i]!;
    push(out, item, batch.indexes[i]!, addedBytes(out, item, sizeOf(item.object)));
  }
  return out;
}

function finish<T extends TrackItem>(batch: TrackBatch<T>): TrackBatch<T> {
  const body: TrackRequestBody = {};
  for (const array of ARRAYS) {
    // Only arrays with objects: Braze reports `*_processed` for each array present (§3.1).
    if (batch.sources[array].length > 0) body[array] = batch.sources[array].map((position) => batch.items[position]!.object);
  }
  return { ...batch, body };
}

/**
 * Pack objects into `/users/track` requests within the per-request object limit of `mode` and
 * the 4 MB payload limit, keeping input order (a later request never holds an earlier object).
 * Within one request Braze applies attributes before events and purchases (§1), which suits
 * an attribute change that arrived with the event it describes.
 *
 * `keepTogether(previous, item)` names neighbours that must share a request (an attribute update
 * and the event after it of the same user): where a request would end between them, the
 * previous object moves to the next request with its neighbour.
 *
 * `sizeOf` measures an object (`measureJsonBytes` by default); a caller that measures the same
 * objects again and again may pass a remembering one.
 */
export function chunkTrackObjects<T extends TrackItem>(
  items: readonly T[],
  mode: TrackBatchMode,
  options: { keepTogether?: (previous: T, item: T) => boolean; sizeOf?: (object: object) => number } = {},
): TrackBatch<T>[] {
  const sizeOf = options.sizeOf ?? measureJsonBytes;
  const cap = requestCapacity(mode);
  const batches: TrackBatch<T>[] = [];
  let current = emptyBatch<T>();
  items.forEach((item, index) => {
    const objectBytes = sizeOf(item.object);
    const full = !hasRoom(current, item.array, cap);
    const tooBig = current.bytes + addedBytes(current, item, objectBytes) > MAX_TRACK_PAYLOAD_BYTES;
    if (current.items.length > 0 && (full || tooBig)) {
      const next = emptyBatch<T>();
      const previous = current.items.at(-1)!;
      if (current.items.length > 1 && options.keepTogether?.(previous, item)) {
        const carried = { item: previous, index: current.indexes.at(-1)!, bytes: sizeOf(previous.object) };
        if (addedBytes(next, carried.item, carried.bytes) + objectBytes + item.array.length + 8 <= MAX_TRACK_PAYLOAD_BYTES) {
          current = withoutLast(current, sizeOf);
          push(next, carried.item, carried.index, addedBytes(next, carried.item, carried.bytes));
        }
      }
      batches.push(finish(current));
      current = next;
    }
    push(current, item, index, addedBytes(current, item, objectBytes));
  });
  if (current.items.length > 0) batches.push(finish(current));
  return batches;
}

/**
 * One request holding exactly `items`: the body the worker sends (a pack of queued jobs) and the
 * preview shows, built by this one function so both are the same bytes.
 */
export function buildTrackBatch<T extends TrackItem>(items: readonly T[]): TrackBatch<T> {
  const batch = emptyBatch<T>();
  items.forEach((item, index) => push(batch, item, index, addedBytes(batch, item, measureJsonBytes(item.object))));
  return finish(batch);
}

export type AttributedMinorError<T extends TrackItem = TrackItem> = {
  error: MinorError;
  /** The item Braze named, or null when the error names no array/index we sent. */
  item: T | null;
  /** That item's position in the original input list, or null. */
  index: number | null;
};

/** Map Braze's minor errors (array + index, §3.2) back to the items of `batch`. */
export function attributeMinorErrors<T extends TrackItem>(
  batch: Pick<TrackBatch<T>, 'items' | 'indexes' | 'sources'>,
  errors: readonly MinorError[] | undefined,
): AttributedMinorError<T>[] {
  return (errors ?? []).map((error) => {
    const position = Object.hasOwn(batch.sources, error.array) ? batch.sources[error.array][error.index] : undefined;
    if (position === undefined) return { error, item: null, index: null };
    return { error, item: batch.items[position] ?? null, index: batch.indexes[position] ?? null };
  });
}
