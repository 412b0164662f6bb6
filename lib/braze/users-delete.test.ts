import { describe, expect, it } from 'vitest';
import { sendUsersDelete } from '@/lib/braze/users-delete';

function answering(status: number, body: string) {
  const calls: { url: string; body: unknown }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init.body)) });
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetch };
}

const send = (fake: ReturnType<typeof answering>) =>
  sendUsersDelete({ baseUrl: 'https://rest.iad-01.braze.com', apiKey: 'secret-key', fetch: fake.fetch, timeoutMs: 1_000, body: { external_ids: ['a'] } });

describe('sendUsersDelete', () => {
  it('reads Braze\'s deleted count', async () => {
    const fake = answering(202, '{"deleted": 1}');
    expect(await send(fake)).toMatchObject({ kind: 'accepted', status: 202, deleted: 1 });
    expect(fake.calls).toEqual([{ url: 'https://rest.iad-01.braze.com/users/delete', body: { external_ids: ['a'] } }]);
  });

  it.each([
    [503, 'retryable'],
    [429, 'retryable'],
    [400, 'permanent'],
    [403, 'permanent'],
  ])('classifies %i as %s, without the key in the reason', async (status, kind) => {
    const outcome = await send(answering(status, '{"message": "no secret-key here"}'));
    expect(outcome.kind).toBe(kind);
    expect(JSON.stringify(outcome)).not.toContain('secret-key');
  });
});
