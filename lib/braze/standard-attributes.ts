import { readOwn } from '@/lib/braze/json';
import type { JsonValue } from '@/lib/braze/types';

/**
 * Amplitude user property → Braze standard profile field (braze-api.md §2.4). Braze field
 * names are lower-case and exact; a near miss such as `firstName` would become a custom
 * attribute, so the usual spellings are mapped here. Any key not listed stays a custom
 * attribute under its own name.
 *
 * | Braze field  | Amplitude keys accepted                              |
 * |--------------|------------------------------------------------------|
 * | first_name   | first_name, firstName, firstname                     |
 * | last_name    | last_name, lastName, lastname                        |
 * | email        | email                                                |
 * | phone        | phone, phone_number, phoneNumber                     |
 * | home_city    | city, home_city, homeCity                            |
 * | country      | country                                              |
 * | language     | language                                             |
 * | gender       | gender                                               |
 * | dob          | dob, date_of_birth, dateOfBirth, birthday            |
 * | time_zone    | time_zone, timeZone, timezone                        |
 */
export const STANDARD_ATTRIBUTE_KEYS: Readonly<Record<string, string>> = Object.freeze({
  first_name: 'first_name', firstName: 'first_name', firstname: 'first_name',
  last_name: 'last_name', lastName: 'last_name', lastname: 'last_name',
  email: 'email',
  phone: 'phone', phone_number: 'phone', phoneNumber: 'phone',
  city: 'home_city', home_city: 'home_city', homeCity: 'home_city',
  country: 'country',
  language: 'language',
  gender: 'gender',
  dob: 'dob', date_of_birth: 'dob', dateOfBirth: 'dob', birthday: 'dob',
  time_zone: 'time_zone', timeZone: 'time_zone', timezone: 'time_zone',
});

/** The Braze standard field for an Amplitude key, or undefined for a custom attribute. */
export function findStandardAttribute(key: string): string | undefined {
  return readOwn(STANDARD_ATTRIBUTE_KEYS, key);
}

// Braze accepts only M, F, O (other), N (not applicable), P (prefer not to say) (§2.4).
const GENDER_CODES: Readonly<Record<string, string>> = Object.freeze({
  m: 'M', male: 'M', f: 'F', female: 'F', o: 'O', other: 'O',
  n: 'N', 'not applicable': 'N', p: 'P', 'prefer not to say': 'P',
});

export type StandardValue = { ok: true; value: JsonValue } | { ok: false; detail: string };

/**
 * The value in the format Braze's standard field expects. Only loss-free rewrites are made
 * (gender words to codes, the date part of an ISO timestamp for dob, a numeric phone as text);
 * anything else is refused so the caller drops and reports it. Country, language and time zone
 * go as given: Braze maps what it can and ignores invalid values (§2.4).
 */
export function normaliseStandardValue(field: string, value: JsonValue): StandardValue {
  if (value === null) return { ok: true, value };
  if (field === 'phone' && typeof value === 'number') return { ok: true, value: String(value) };
  if (typeof value !== 'string') return { ok: false, detail: `Braze "${field}" must be a string` };
  if (field === 'gender') {
    const code = readOwn(GENDER_CODES, value.trim().toLowerCase());
    return code ? { ok: true, value: code } : { ok: false, detail: 'Braze "gender" must be M, F, O, N or P' };
  }
  if (field === 'dob') {
    const date = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(value)?.[1];
    return date ? { ok: true, value: date } : { ok: false, detail: 'Braze "dob" must be YYYY-MM-DD' };
  }
  return { ok: true, value };
}
