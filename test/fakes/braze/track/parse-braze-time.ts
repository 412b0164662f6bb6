// Date strings Braze accepts for event and purchase `time` (braze-api.md §2.5, §2.6):
// ISO 8601, `yyyy-MM-ddTHH:mm:ss:SSSZ`, `yyyy-MM-ddTHH:mm:ss`, `yyyy-MM-dd HH:mm:ss`,
// `yyyy-MM-dd`, `MM/dd/yyyy` and `ddd MM dd HH:mm:ss.TZD YYYY`. No zone means UTC.

// Date, optional time with `.` or `:` before the fraction, optional zone.
const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.:](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const DAY_NAME = '(?:mon|tue|wed|thu|fri|sat|sun)';
const MONTH_NAME = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\\d{2})';
const LONG_FORM = new RegExp(
  `^${DAY_NAME}\\s+${MONTH_NAME}\\s+(\\d{2})\\s+(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?\\.?(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?\\s+(\\d{4})$`,
  'i',
);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Epoch milliseconds of a Braze date string, or null when it is not one. */
export function parseBrazeTime(text: string): number | null {
  const iso = ISO_LIKE.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    return buildTime(y, mo, d, h, mi, s, frac, zone);
  }
  const us = US_DATE.exec(text);
  if (us) return buildTime(us[3], us[1], us[2]);
  const long = LONG_FORM.exec(text);
  if (long) {
    const [, month, d, h, mi, s, frac, zone, y] = long;
    const named = MONTHS.indexOf((month ?? '').toLowerCase());
    const mo = named >= 0 ? String(named + 1) : month;
    return buildTime(y, mo, d, h, mi, s, frac, zone);
  }
  return null;
}

function buildTime(
  year = '',
  month = '',
  day = '',
  hour = '0',
  minute = '0',
  second = '0',
  fraction = '',
  zone = 'Z',
): number | null {
  // Every request carries up to 75 of these, so no intermediate arrays or Date objects.
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const offset = zoneOffsetMinutes(zone);
  if (offset === null) return null;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Real offsets run from -12:00 to +14:00. */
function zoneOffsetMinutes(zone: string): number | null {
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
