import { AppError } from '@/lib/http/app-error';

/**
 * The request's JSON body. Only `application/json` is read: a cross-site HTML form cannot send
 * that content type without a CORS preflight, which this API never grants.
 */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new AppError('unsupported_media_type', 415, 'Send the body as application/json.');
  try {
    return await request.json();
  } catch {
    throw new AppError('invalid_json', 400, 'The body is not valid JSON.');
  }
}
