/**
 * The fake's own admin API under `/_fake/`, for tests and people trying the product:
 * `GET events | identifications | requests | stats`, `POST faults` (a JSON array of faults),
 * `DELETE faults`, `POST invalid` (`{"insertIds": [...], "field": "time"}`), `POST reset`.
 */
import type { IncomingMessage } from 'node:http';
import { json, type Reply } from '@/test/fakes/amplitude/answers';
import { addFaults, resetState, type FakeAmplitudeState } from '@/test/fakes/amplitude/state';
import type { Fault } from '@/test/fakes/amplitude/types';

export const ADMIN_PREFIX = '/_fake/';

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || 'null');
  } catch {
    return undefined;
  }
}

const bad = (message: string): Reply => json(400, { error: message });

export function handleAdmin(state: FakeAmplitudeState, req: IncomingMessage, path: string, body: Buffer): Reply {
  const action = `${req.method ?? 'GET'} ${path.slice(ADMIN_PREFIX.length)}`;
  switch (action) {
    case 'GET events':
      return json(200, state.events);
    case 'GET identifications':
      return json(200, state.identifications);
    case 'GET requests':
      return json(200, state.requests);
    case 'GET stats':
      return json(200, state.stats);
    case 'POST faults': {
      const faults = parseJson(body);
      if (!Array.isArray(faults) || !faults.every((f) => typeof f === 'object' && f !== null && ['status', 'throttle', 'hang'].includes((f as Fault).kind))) {
        return bad('Send a JSON array of faults, each with kind "status", "throttle" or "hang"');
      }
      addFaults(state, faults as Fault[]);
      return json(200, { queued: state.faults.length });
    }
    case 'DELETE faults':
      state.faults = [];
      return json(200, { queued: 0 });
    case 'POST invalid': {
      const input = parseJson(body) as { insertIds?: unknown; field?: unknown } | undefined;
      if (!Array.isArray(input?.insertIds) || !input.insertIds.every((id) => typeof id === 'string')) return bad('Send {"insertIds": [strings], "field"?: string}');
      state.invalid = { insertIds: new Set(input.insertIds as string[]), field: typeof input.field === 'string' ? input.field : 'time' };
      return json(200, { invalid: input.insertIds.length });
    }
    case 'POST reset':
      resetState(state);
      return json(200, { reset: true });
    default:
      return json(404, { error: `No admin action ${action}` });
  }
}
