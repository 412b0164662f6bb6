import { describe, expect, it } from 'vitest';
import { deletionRequestSchema, formToDeletionBody, statusListingSchema } from '@/lib/privacy/request-schema';

const fieldOf = (input: unknown, schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } } = deletionRequestSchema) =>
  schema.safeParse(input).error?.issues[0]?.path.join('.');

describe('the User Privacy API body', () => {
  it('takes Amplitude\'s fields, booleans as strings too', () => {
    expect(deletionRequestSchema.parse({ user_ids: ['a', 7], amplitude_ids: [123], requester: 'dpo@example.com', ignore_invalid_id: 'True', delete_from_org: false })).toEqual({
      user_ids: ['a', '7'],
      amplitude_ids: ['123'],
      requester: 'dpo@example.com',
      ignore_invalid_id: true,
      delete_from_org: false,
    });
  });

  it.each([
    [{}, 'user_ids'],
    [{ user_ids: 'a' }, 'user_ids'],
    [{ user_ids: [''] }, 'user_ids.0'],
    [{ amplitude_ids: {} }, 'amplitude_ids'],
    [{ user_ids: ['a'], requester: 1 }, 'requester'],
    [{ user_ids: ['a'], ignore_invalid_id: 'yes' }, 'ignore_invalid_id'],
    [{ user_ids: ['a'], amplitude_ids: [1], delete_from_org: 'true' }, 'amplitude_ids'],
    [{ user_ids: ['a\u0000b'] }, 'user_ids.0'],
    [{ user_ids: Array.from({ length: 60 }, String), amplitude_ids: Array.from({ length: 41 }, String) }, 'user_ids'],
  ])('refuses %j naming %s', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it('reads a form, repeated fields as lists', () => {
    expect(formToDeletionBody(new URLSearchParams('user_ids=a&user_ids=b&requester=x'))).toEqual({ user_ids: ['a', 'b'], requester: 'x' });
  });

  it('lists at most six months, start before end', () => {
    expect(statusListingSchema.safeParse({ start_day: '2026-01-01', end_day: '2026-06-01' }).success).toBe(true);
    expect(fieldOf({ start_day: '2026-01-01' }, statusListingSchema)).toBe('end_day');
    expect(fieldOf({ start_day: '2026-02-01', end_day: '2026-01-01' }, statusListingSchema)).toBe('end_day');
    expect(fieldOf({ start_day: '2025-01-01', end_day: '2026-01-01' }, statusListingSchema)).toBe('end_day');
    expect(fieldOf({ start_day: '01/01/2026', end_day: '2026-01-01' }, statusListingSchema)).toBe('start_day');
  });
});
