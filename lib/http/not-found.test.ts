import { describe, expect, it } from 'vitest';
import { notFoundResponse, wantsData } from '@/lib/http/not-found';

describe('wantsData', () => {
  it.each([
    ['POST', 'application/x-www-form-urlencoded', true],
    ['PUT', null, true],
    ['GET', 'application/json', true],
    ['GET', 'application/json, text/plain, */*', true],
    ['GET', 'text/html,application/xhtml+xml,application/json;q=0.9', false],
    ['GET', '*/*', false],
    ['GET', null, false],
    ['HEAD', null, false],
  ])('%s with Accept %s → %s', (method, accept, expected) => {
    expect(wantsData(method, accept)).toBe(expected);
  });
});

describe('notFoundResponse', () => {
  it('is a JSON 404 naming the request', async () => {
    const res = notFoundResponse('POST', '/v2/track');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ code: 404, error: 'Not found: POST /v2/track. Events go to /2/httpapi, /batch, /identify or /groupidentify.' });
  });
});
