import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { callFake, event, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze } from '@/test/fakes/braze/types';

const ALIAS = { alias_name: 'anon-42', alias_label: 'device' };

describe('user-management endpoints', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  const aliasOnly = () => track(fake, { attributes: [{ user_alias: ALIAS, _update_existing_only: false, plan: 'free' }] });

  describe('/users/alias/new', () => {
    it('creates an alias-only user, or adds the alias to an existing user', async () => {
      await track(fake, { attributes: [{ external_id: 'user-1' }] });
      const result = await callFake(fake, '/users/alias/new', {
        user_aliases: [ALIAS, { external_id: 'user-1', alias_name: 'crm-7', alias_label: 'crm' }, { external_id: 'nobody', alias_name: 'x', alias_label: 'y' }],
      });
      expect(result).toMatchObject({ status: 201, body: { aliases_processed: 3, message: 'success' } });
      const profiles = fake.profiles();
      expect(profiles).toHaveLength(2);
      expect(profiles.find((profile) => profile.external_id === 'user-1')?.user_aliases).toEqual([{ alias_name: 'crm-7', alias_label: 'crm' }]);
      expect(profiles.find((profile) => profile.external_id === undefined)?.user_aliases).toEqual([ALIAS]);
    });

    it.each([{ body: {} }, { body: { user_aliases: [{ alias_name: 'a' }] } }, { body: { user_aliases: Array.from({ length: 51 }, () => ALIAS) } }])(
      'answers 400 to $body',
      async ({ body }) => {
        expect((await callFake(fake, '/users/alias/new', body)).status).toBe(400);
      },
    );
  });

  describe('/users/identify', () => {
    it('merges an alias-only profile into the identified user and removes it', async () => {
      await aliasOnly();
      await track(fake, { events: [{ user_alias: ALIAS, name: 'opened', time: '2024-01-01' }] });
      await track(fake, { attributes: [{ external_id: 'user-1', plan: 'pro' }], events: [event('opened', { time: '2024-02-01' })] });
      const result = await callFake(fake, '/users/identify', { aliases_to_identify: [{ external_id: 'user-1', user_alias: ALIAS }] });
      expect(result).toMatchObject({ status: 201, body: { aliases_processed: 1, message: 'success' } });
      expect(fake.profiles()).toEqual([
        expect.objectContaining({
          external_id: 'user-1',
          user_aliases: [ALIAS],
          custom_attributes: { plan: 'pro' },
          custom_events: [{ name: 'opened', first: '2024-01-01T00:00:00.000Z', last: '2024-02-01T00:00:00.000Z', count: 2 }],
        }),
      ]);
    });

    it('gives the alias profile the external_id when no user has it', async () => {
      await aliasOnly();
      await callFake(fake, '/users/identify', { aliases_to_identify: [{ external_id: 'user-9', user_alias: ALIAS }] });
      expect(fake.profiles()).toEqual([expect.objectContaining({ external_id: 'user-9', user_aliases: [ALIAS] })]);
    });

    it('does not merge when the user already has an alias with the same label, yet answers success', async () => {
      await aliasOnly();
      await track(fake, { attributes: [{ external_id: 'user-1' }] });
      await callFake(fake, '/users/alias/new', { user_aliases: [{ external_id: 'user-1', alias_name: 'other', alias_label: 'device' }] });
      const result = await callFake(fake, '/users/identify', { aliases_to_identify: [{ external_id: 'user-1', user_alias: ALIAS }] });
      expect(result.status).toBe(201);
      expect(fake.profiles()).toHaveLength(2);
    });

    it('identifies an email-only profile', async () => {
      await track(fake, { attributes: [{ email: 'ada@example.com', first_name: 'Ada' }] });
      await track(fake, { attributes: [{ external_id: 'user-1' }] });
      await callFake(fake, '/users/identify', { emails_to_identify: [{ external_id: 'user-1', email: 'ada@example.com', prioritization: ['unidentified', 'most_recently_updated'] }] });
      expect(fake.profiles()).toEqual([expect.objectContaining({ external_id: 'user-1', email: 'ada@example.com', first_name: 'Ada' })]);
    });

    it('answers success when nothing matched, and 400 without any list', async () => {
      expect((await callFake(fake, '/users/identify', { aliases_to_identify: [{ external_id: 'x', user_alias: ALIAS }] })).status).toBe(201);
      expect((await callFake(fake, '/users/identify', {})).status).toBe(400);
    });

    it.each([
      { body: { aliases_to_identify: [{ user_alias: ALIAS }] } },
      { body: { aliases_to_identify: [{ external_id: 'user-1', user_alias: { alias_name: 'anon-42' } }] } },
      { body: { aliases_to_identify: {} } },
      { body: { aliases_to_identify: Array.from({ length: 51 }, (_, i) => ({ external_id: `user-${i}`, user_alias: ALIAS })) } },
    ])('answers 400 to $body and merges nothing', async ({ body }) => {
      await aliasOnly();
      expect((await callFake(fake, '/users/identify', body)).status).toBe(400);
      expect(fake.profiles()).toEqual([expect.objectContaining({ user_aliases: [ALIAS] })]);
      expect(fake.profiles()[0]).not.toHaveProperty('external_id');
    });
  });

  describe('/users/merge', () => {
    it('answers 202 and folds one user into the other', async () => {
      await track(fake, { attributes: [{ external_id: 'old', plan: 'pro', city: 'Oslo' }, { external_id: 'new', plan: 'max' }] });
      const result = await callFake(fake, '/users/merge', {
        merge_updates: [{ identifier_to_merge: { external_id: 'old' }, identifier_to_keep: { external_id: 'new' } }],
      });
      expect(result).toMatchObject({ status: 202, body: { message: 'success' } });
      expect(fake.profiles()).toEqual([expect.objectContaining({ external_id: 'new', custom_attributes: { plan: 'max', city: 'Oslo' } })]);
    });

    it.each([
      { body: { merge_updates: 'x' }, message: "'merge_updates' must be an array of objects" },
      { body: { merge_updates: [1] }, message: "'merge_updates' must be an array of objects" },
      {
        body: { merge_updates: Array.from({ length: 51 }, () => ({ identifier_to_merge: { external_id: 'a' }, identifier_to_keep: { external_id: 'b' } })) },
        message: 'a single request may not contain more than 50 merge updates',
      },
      {
        body: { merge_updates: [{ identifier_to_merge: { external_id: 'a' }, identifier_to_keep: { external_id: 'b' }, extra: 1 }] },
        message: "'merge_updates' must only have 'identifier_to_merge' and 'identifier_to_keep'",
      },
      {
        body: { merge_updates: [{ identifier_to_merge: { external_id: 5 }, identifier_to_keep: { external_id: 'b' } }] },
        message: expect.stringMatching(/^identifiers must be objects with an 'external_id' property/),
      },
    ])('answers 400 "$message"', async ({ body, message }) => {
      const result = await callFake(fake, '/users/merge', body);
      expect(result.status).toBe(400);
      expect(result.body).toEqual({ message });
    });
  });

  describe('/users/delete', () => {
    it('deletes the users named and counts them', async () => {
      await track(fake, { attributes: [{ external_id: 'a' }, { external_id: 'b' }, { external_id: 'c' }] });
      const result = await callFake(fake, '/users/delete', { external_ids: ['a', 'b', 'missing'] });
      expect(result).toMatchObject({ status: 202, body: { deleted: 2 } });
      expect(fake.profiles().map((profile) => profile.external_id)).toEqual(['c']);
    });

    it('deletes by alias and by email', async () => {
      await aliasOnly();
      await track(fake, { attributes: [{ email: 'ada@example.com' }] });
      expect((await callFake(fake, '/users/delete', { user_aliases: [ALIAS] })).body).toEqual({ deleted: 1 });
      expect((await callFake(fake, '/users/delete', { email_addresses: [{ email: 'ada@example.com', prioritization: ['most_recently_updated'] }] })).body).toEqual({ deleted: 1 });
      expect(fake.profiles()).toEqual([]);
    });

    it.each([
      { name: 'no list', body: {} },
      { name: 'two lists', body: { external_ids: ['a'], braze_ids: ['b'] } },
      { name: 'over 50 entries', body: { external_ids: Array.from({ length: 51 }, (_, i) => `u${i}`) } },
      { name: 'a bad entry', body: { external_ids: [5] } },
    ])('answers 400 to $name', async ({ body }) => {
      expect((await callFake(fake, '/users/delete', body)).status).toBe(400);
    });
  });

  describe('/users/export/ids', () => {
    it('exports users with standard fields on top and the rest as custom attributes', async () => {
      await track(fake, { attributes: [{ external_id: 'user-1', first_name: 'Ada', plan: 'pro' }], events: [event('opened')] });
      const result = await callFake(fake, '/users/export/ids', { external_ids: ['user-1', 'missing'] });
      expect(result.status).toBe(201);
      expect(result.body).toEqual({
        users: [
          {
            braze_id: expect.any(String),
            external_id: 'user-1',
            first_name: 'Ada',
            user_aliases: [],
            custom_attributes: { plan: 'pro' },
            custom_events: [{ name: 'opened', first: '2024-05-01T12:00:00.000Z', last: '2024-05-01T12:00:00.000Z', count: 1 }],
            purchases: [],
          },
        ],
        invalid_user_ids: ['missing'],
        message: 'success',
      });
    });

    it('limits the answer to fields_to_export and finds users by alias', async () => {
      await aliasOnly();
      const result = await callFake(fake, '/users/export/ids', { user_aliases: [ALIAS], fields_to_export: ['custom_attributes'] });
      expect(result.body).toEqual({ users: [{ braze_id: expect.any(String), custom_attributes: { plan: 'free' } }], message: 'success' });
    });

    it('answers 400 without an identifier', async () => {
      expect((await callFake(fake, '/users/export/ids', { fields_to_export: ['email'] })).status).toBe(400);
    });
  });
});
