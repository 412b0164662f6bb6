/**
 * Every Amplitude path the fake serves, by exact path. New APIs (for example the Export API)
 * are one more entry here.
 */
import { parseForm } from '@/test/fakes/amplitude/forms';
import type { AmplitudeRoute } from '@/test/fakes/amplitude/route-types';
import { parseUpload } from '@/test/fakes/amplitude/upload';

const MB = 1024 * 1024;

export const AMPLITUDE_ROUTES: ReadonlyMap<string, AmplitudeRoute> = new Map<string, AmplitudeRoute>([
  // HTTP V2: under 1 MB per request (HTTP V2 doc, "Upload limits").
  ['/2/httpapi', { methods: ['POST'], maxBodyBytes: MB, parse: parseUpload }],
  // Batch: up to 20 MB (Batch doc).
  ['/batch', { methods: ['POST'], maxBodyBytes: 20 * MB, parse: parseUpload }],
  ['/identify', { methods: ['GET', 'POST'], maxBodyBytes: MB, parse: parseForm('identify') }],
  // Group Identify: at most 1 MB per request.
  ['/groupidentify', { methods: ['POST'], maxBodyBytes: MB, parse: parseForm('groupidentify') }],
]);
