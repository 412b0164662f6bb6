/**
 * The one place errors become HTTP answers: AppError with its own status, zod errors as 400
 * with messages per field, Prisma's "record not found" (P2025) as 404 and unique violations
 * (P2002) as 409, anything else as 500 without details (those go to the log).
 */
import { ZodError } from 'zod';
import type { ApiErrorBody } from '@/lib/http/api-error-body';
import { childLogger } from '@/lib/log/logger';
import { AppError } from '@/lib/http/app-error';

const log = childLogger('http');

export function errorResponse(status: number, code: string, message: string, issues?: Record<string, string[]>): Response {
  const body: ApiErrorBody = { error: { code, message, ...(issues ? { issues } : {}) } };
  return Response.json(body, { status });
}

export function issuesByField(error: ZodError): Record<string, string[]> {
  const issues: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    (issues[key] ??= []).push(issue.message);
  }
  return issues;
}

function prismaCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === 'string' && /^P\d{4}$/.test(code) ? code : undefined;
}

export function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return errorResponse(error.status, error.code, error.message, error.field ? { [error.field]: [error.message] } : undefined);
  }
  if (error instanceof ZodError) {
    return errorResponse(400, 'invalid_input', 'Some fields need your attention.', issuesByField(error));
  }
  const code = prismaCode(error);
  if (code === 'P2025') return errorResponse(404, 'not_found', 'Not found');
  if (code === 'P2002') return errorResponse(409, 'conflict', 'This already exists.');
  log.error({ err: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined }, 'request failed');
  return errorResponse(500, 'internal', 'Something went wrong on the server. Try again; if it keeps happening, check the server log.');
}
