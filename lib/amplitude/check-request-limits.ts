/**
 * Request size limits: body bytes (after gzip decompression) and event count. Exceeding either
 * gives `413 {"code":413,"error":"Payload too large"}` (HTTP V2 and Batch docs); the SDKs then
 * halve their batch size and resend.
 */
import type { UploadLimits } from '@/lib/amplitude/limits';
import { buildPayloadTooLargeBody } from '@/lib/amplitude/response-bodies';
import { rejectUpload, type RejectedUpload } from '@/lib/amplitude/upload-result';

export interface RequestSize {
  bodyBytes?: number;
  eventCount?: number;
}

/** Returns the 413 rejection when the request is too large, undefined when it fits. */
export function checkRequestLimits(size: RequestSize, limits: Pick<UploadLimits, 'maxBodyBytes' | 'maxEvents'>): RejectedUpload | undefined {
  const tooManyBytes = size.bodyBytes !== undefined && size.bodyBytes > limits.maxBodyBytes;
  const tooManyEvents = size.eventCount !== undefined && size.eventCount > limits.maxEvents;
  return tooManyBytes || tooManyEvents ? rejectUpload(buildPayloadTooLargeBody()) : undefined;
}
