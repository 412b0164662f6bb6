import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  declaredAttributesSchema,
  faultsSchema,
  keysSchema,
  objectLimitModeSchema,
  rateLimitSchema,
} from '@/test/fakes/braze/admin/admin-schemas';
import { readBody } from '@/test/fakes/braze/http/read-body';
import { jsonReply, sendReply, type Reply } from '@/test/fakes/braze/http/reply';
import { resetFakeState, type FakeState } from '@/test/fakes/braze/state';
import {
  addFaults,
  readAccepted,
  readPendingFaults,
  readProfiles,
  readRequests,
  readStats,
  replaceDeclaredAttributes,
  replaceKeys,
  replaceObjectLimitMode,
  replaceRateLimit,
} from '@/test/fakes/braze/state-access';

export const ADMIN_PREFIX = '/_fake/';

type AdminRead = (state: FakeState, newest: number | undefined) => unknown;
type AdminWrite = (state: FakeState, body: unknown) => Reply;

// GET routes take `?limit=N` to return only the newest N records.
const READS: Record<string, AdminRead> = {
  requests: readRequests,
  events: (state, newest) => readAccepted(state, 'events', newest),
  attributes: (state, newest) => readAccepted(state, 'attributes', newest),
  purchases: (state, newest) => readAccepted(state, 'purchases', newest),
  stats: readStats,
  profiles: readProfiles,
  'custom-attributes': (state) => [...state.declaredAttributes.values()],
  // Written back the way POST takes it, since JSON turns Infinity into null.
  faults: (state) =>
    readPendingFaults(state).map((fault) =>
      'timeoutMs' in fault && fault.timeoutMs === Infinity ? { ...fault, timeoutMs: 'Infinity' } : fault,
    ),
};

const OK = jsonReply(200, { message: 'ok' });

/** Parses `body` with `schema`, then applies it; a bad body is a 400 naming the problem. */
function withBody<T>(schema: z.ZodType<T, unknown>, apply: (state: FakeState, value: T) => void): AdminWrite {
  return (state, body) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) return jsonReply(400, { message: `Invalid body: ${z.prettifyError(parsed.error)}` });
    apply(state, parsed.data);
    return OK;
  };
}

const WRITES: Record<string, AdminWrite> = {
  faults: withBody(faultsSchema, addFaults),
  keys: withBody(keysSchema, replaceKeys),
  'rate-limit': withBody(rateLimitSchema, replaceRateLimit),
  'object-limit-mode': withBody(objectLimitModeSchema, (state, { mode }) => replaceObjectLimitMode(state, mode)),
  'custom-attributes': withBody(declaredAttributesSchema, replaceDeclaredAttributes),
  reset: (state) => {
    resetFakeState(state);
    return OK;
  },
};

/** The /_fake/ routes: no auth, not recorded, not rate limited, never faulted. */
export async function handleAdminRequest(state: FakeState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const name = url.pathname.slice(ADMIN_PREFIX.length);
  const raw = await readBody(req, state.maxBodyBytes);
  const read = READS[name];
  const write = WRITES[name];
  let reply: Reply;
  if (req.method === 'GET' && read) {
    reply = jsonReply(200, read(state, parseNewest(url.searchParams.get('limit'))));
  } else if (req.method === 'POST' && write) {
    const body = raw.size === 0 ? undefined : parseBody(raw.bytes);
    reply = body instanceof SyntaxError ? jsonReply(400, { message: `Invalid JSON: ${body.message}` }) : write(state, body);
  } else {
    reply = jsonReply(404, { message: `No admin route ${req.method} ${url.pathname}` });
  }
  sendReply(res, reply, {});
}

function parseNewest(limit: string | null): number | undefined {
  const value = limit === null ? NaN : Number(limit);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

function parseBody(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return error instanceof SyntaxError ? error : new SyntaxError(String(error));
  }
}
