import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { toErrorResponse } from '@/lib/http/errors';
import { AppError, notFound } from '@/lib/http/app-error';

async function read(response: Response) {
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string; issues?: Record<string, string[]> } } };
}

beforeAll(() => {
  vi.stubEnv('LOG_LEVEL', 'silent');
});

describe('toErrorResponse', () => {
  it('answers an AppError with its status and names its field', async () => {
    const { status, body } = await read(toErrorResponse(new AppError('invalid_input', 400, 'Bad endpoint', 'brazeEndpoint')));
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'invalid_input', message: 'Bad endpoint', issues: { brazeEndpoint: ['Bad endpoint'] } });
    expect((await read(toErrorResponse(notFound('Sync')))).status).toBe(404);
  });

  it('answers a zod error with 400 and messages per field path', async () => {
    const schema = z.object({ name: z.string().min(1, 'Enter a name'), rules: z.array(z.object({ v: z.number() })) });
    const error = schema.safeParse({ name: '', rules: [{ v: 'x' }] }).error;
    const { status, body } = await read(toErrorResponse(error));
    expect(status).toBe(400);
    expect(body.error.issues?.name).toEqual(['Enter a name']);
    expect(Object.keys(body.error.issues ?? {})).toContain('rules.0.v');
  });

  it('recognises Prisma errors by code, not by message', async () => {
    expect((await read(toErrorResponse(Object.assign(new Error('whatever'), { code: 'P2025' })))).status).toBe(404);
    expect((await read(toErrorResponse(Object.assign(new Error('whatever'), { code: 'P2002' })))).status).toBe(409);
  });

  it('hides the details of unknown errors', async () => {
    const { status, body } = await read(toErrorResponse(new Error('connection string postgres://secret@db')));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});
