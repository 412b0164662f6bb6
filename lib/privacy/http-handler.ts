/**
 * Amplitude's User Privacy API on the ingestion host, on plain `node:http` like the ingestion
 * paths: `POST /api/2/deletions/users` records a deletion, `GET …?start_day&end_day` lists them.
 * Basic auth with the project's API key and its privacy secret key (Settings); no or wrong
 * credentials 401, a malformed body 400 naming the field, a user this product never saw a
 * successful no-op (as Amplitude answers). Deletions are queued, never run in the request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodError } from 'zod';
import { prisma } from '@/lib/db/prisma';
import { childLogger } from '@/lib/log/logger';
import type { ProjectKeyCache } from '@/lib/projects/key-cache';
import { readBasicAuth } from '@/lib/privacy/basic-auth';
import { recordDeletion } from '@/lib/privacy/record-deletion';
import { deletionRequestSchema, formToDeletionBody, statusListingSchema } from '@/lib/privacy/request-schema';
import { secretMatches } from '@/lib/privacy/secret-key';
import { listDeletionJobs, toDeletionJob } from '@/lib/privacy/status-listing';

const log = childLogger('privacy-api');
export const DELETIONS_PATH = '/api/2/deletions/users';
const MAX_BODY_BYTES = 256 * 1024;

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const UNAUTHORIZED: Answer = {
  status: 401,
  body: { error: 'Invalid credentials: use Basic auth with the project API key and its privacy secret key (Settings)' },
  headers: { 'WWW-Authenticate': 'Basic realm="User Privacy API"' },
};

function invalid(error: ZodError): Answer {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  return { status: 400, body: { error: `Invalid field ${field}: ${issue?.message ?? 'invalid'}`, field } };
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function parseBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; answer: Answer }> {
  const raw = await readBody(req);
  if (!raw) return { ok: false, answer: { status: 413, body: { error: `Request body over ${MAX_BODY_BYTES} bytes` } } };
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) return { ok: true, value: formToDeletionBody(new URLSearchParams(raw.toString('utf8'))) };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false, answer: { status: 400, body: { error: 'Invalid JSON request body', field: 'body' } } };
  }
}

async function authenticate(req: IncomingMessage, keys: Pick<ProjectKeyCache, 'resolve'>): Promise<string | null> {
  const credentials = readBasicAuth(req.headers.authorization);
  if (!credentials) return null;
  const projectId = await keys.resolve(credentials.apiKey);
  if (!projectId) return null;
  const project = await prisma().project.findUnique({ where: { id: projectId }, select: { deletionSecretHash: true } });
  return project && secretMatches(project.deletionSecretHash, credentials.secretKey) ? projectId : null;
}

async function answer(req: IncomingMessage, keys: Pick<ProjectKeyCache, 'resolve'>): Promise<Answer> {
  if (req.method !== 'GET' && req.method !== 'POST') return { status: 405, body: { error: 'Method not allowed: use GET or POST' }, headers: { Allow: 'GET, POST' } };
  const projectId = await authenticate(req, keys);
  if (!projectId) return UNAUTHORIZED;
  if (req.method === 'GET') {
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://host').searchParams);
    const parsed = statusListingSchema.safeParse(query);
    if (!parsed.success) return invalid(parsed.error);
    return { status: 200, body: await listDeletionJobs(projectId, parsed.data.start_day, parsed.data.end_day) };
  }
  const body = await parseBody(req);
  if (!body.ok) return body.answer;
  const parsed = deletionRequestSchema.safeParse(body.value);
  if (!parsed.success) return invalid(parsed.error);
  const { user_ids = [], amplitude_ids = [], requester } = parsed.data;
  const request = await recordDeletion({ projectId, userIds: user_ids, amplitudeIds: amplitude_ids, requester, source: 'api' });
  return { status: 200, body: toDeletionJob(request.createdAt.toISOString().slice(0, 10), [request]) };
}

export function createPrivacyHandler(deps: { keys: Pick<ProjectKeyCache, 'resolve'> }) {
  const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0]?.replace(/\/$/, '');
  return {
    handles: (req: IncomingMessage) => pathOf(req) === DELETIONS_PATH,
    handle(req: IncomingMessage, res: ServerResponse): void {
      answer(req, deps.keys)
        .catch((err: Error) => {
          log.error({ err: err.message }, 'deletion request failed');
          const unavailable: Answer = { status: 503, body: { error: 'Not available right now: nothing was recorded; retry later' } };
          return unavailable;
        })
        .then((a: Answer) => {
          res.writeHead(a.status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...a.headers });
          res.end(JSON.stringify(a.body));
        });
    },
  };
}
