import { jsonReply } from '@/test/fakes/braze/http/reply';

// Fatal answers shared by every Braze endpoint (braze-api.md §3.3, §10.1–§10.3, §10.7).
// Braze documents the status codes; where no body text is documented the status text is used.

export const NOT_FOUND = jsonReply(404, { message: 'Not Found' });
export const UNSUPPORTED_MEDIA_TYPE = jsonReply(415, { message: 'Unsupported Media Type' });
export const PARSE_ERROR = jsonReply(400, { message: 'Error while parsing request body. Please check your syntax.' });
export const RATE_LIMITED = jsonReply(429, { message: 'Rate limit exceeded' });
export const SERVER_ERROR = jsonReply(500, { message: 'Internal Server Error' });

export function tooLargeReply(status: 413 | 400) {
  return jsonReply(status, { message: 'Request Entity Too Large' });
}
