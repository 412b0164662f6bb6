/**
 * What one ingest job's fan-out of a dry-run sync would have sent: the requests as delivery packs
 * them, counted the way delivery counts what Braze accepted (objects, data points), and the last
 * request's body as a sample. Pure: the store writes it (lib/dry-run/store).
 */
import { buildTrackBatch, measureJsonBytes } from '@/lib/braze';
import type { TrackRequestBody } from '@/lib/braze/types';
import { dataPointsOf } from '@/lib/pipeline/fan-out/data-points';
import type { DryRunRequests, PackedItem } from '@/lib/pipeline/fan-out/fanout';

/** The figures of an hour row (`dry_run_hours`), all additive. */
export interface DryRunCounts {
  events: number;
  attributeUpdates: number;
  dataPoints: number;
  dataPointsSaved: number;
  requests: number;
  bytes: number;
  filtered: number;
  skipped: number;
  invalid: number;
}

export const COUNT_NAMES = [
  'events', 'attributeUpdates', 'dataPoints', 'dataPointsSaved', 'requests', 'bytes', 'filtered', 'skipped', 'invalid',
] as const satisfies readonly (keyof DryRunCounts)[];

export function emptyCounts(): DryRunCounts {
  return { events: 0, attributeUpdates: 0, dataPoints: 0, dataPointsSaved: 0, requests: 0, bytes: 0, filtered: 0, skipped: 0, invalid: 0 };
}

/** A request body as the sample keeps it: whole, or its first objects when it is large. */
export interface SampleRequest {
  body: TrackRequestBody;
  objects: number;
  objectsShown: number;
  bytes: number;
}

/**
 * A sample body's bound. A request may hold up to 4 MB; the sample keeps a request's first
 * objects up to this size, so twenty samples stay small enough to show on a page.
 */
export const SAMPLE_MAX_BYTES = 64 * 1024;

export function measureRequests({ built, requests }: DryRunRequests): { counts: DryRunCounts; sample: SampleRequest | null } {
  const counts = emptyCounts();
  counts.filtered = built.filtered;
  counts.skipped = built.skipped;
  counts.invalid = built.invalid.length;
  counts.dataPointsSaved = built.dataPointsSaved;
  for (const request of requests) {
    counts.requests++;
    counts.bytes += measureJsonBytes(request.body);
    for (const { ref } of request.items) {
      // Purchases are counted with events: both record what a user did, and neither is a user update.
      if (ref.kind === 'attributes') counts.attributeUpdates++;
      else counts.events++;
      counts.dataPoints += dataPointsOf(ref);
    }
  }
  const last = requests.at(-1);
  return { counts, sample: last ? sampleOf(last.items) : null };
}

/** The request of `items`, built by the packer delivery uses, cut to its first objects past the bound. */
export function sampleOf(items: readonly PackedItem[]): SampleRequest {
  const whole = buildTrackBatch(items.map(({ array, object }) => ({ array, object })));
  const bytes = measureJsonBytes(whole.body);
  if (bytes <= SAMPLE_MAX_BYTES) return { body: whole.body, objects: items.length, objectsShown: items.length, bytes };
  const kept: PackedItem[] = [];
  let size = 2;
  for (const item of items) {
    size += measureJsonBytes(item.object) + 1;
    if (kept.length > 0 && size > SAMPLE_MAX_BYTES) break;
    kept.push(item);
  }
  const shown = buildTrackBatch(kept.map(({ array, object }) => ({ array, object })));
  return { body: shown.body, objects: items.length, objectsShown: kept.length, bytes };
}
