import type { Reply } from '@/test/fakes/amplitude/answers';
import type { FakeAmplitudeState } from '@/test/fakes/amplitude/state';
import type { JsonObject } from '@/test/fakes/amplitude/types';

export interface RouteInput {
  state: FakeAmplitudeState;
  path: string;
  /** The body, gunzipped when sent with `Content-Encoding: gzip`. */
  body: Buffer;
  contentType: string;
  /** The query string (the Identify API takes its fields there too). */
  query: URLSearchParams;
  sourceIp: string;
  at: number;
}

/**
 * A parsed request: either answered at once (400, 413), or ready to be taken. `take` records it
 * and gives the 200; faults are applied between the two (lib of the fake: faults.ts).
 */
export type Parsed =
  | { kind: 'answer'; reply: Reply }
  | { kind: 'ready'; apiKey: string; events: JsonObject[]; take: () => Reply };

export interface AmplitudeRoute {
  methods: readonly string[];
  /** Largest body taken before 413. */
  maxBodyBytes: number;
  parse: (input: RouteInput) => Parsed;
}
