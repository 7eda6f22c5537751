import type { CompiledProperty, KeyValue, ProfileValue } from '../definitions/CompiledDefinition.js';
import type { Dialect } from '../../storage/dialects/Dialect.js';

/** A property value as the driver binds it: booleans as 0/1, datetimes as the dialect binds them. */
export function toColumnValue(dialect: Dialect, property: CompiledProperty, value: ProfileValue | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (property.type === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return dialect.dateValue(value);
  return value;
}

/** The value of the digits at text[from, to), or -1 where one is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : (monthDays[month - 1] ?? 0));

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** The last text storedDatetime read in its own forms, and the time it read (see there). */
let lastText = '';
let lastTime = 0;

/**
 * A datetime as the store gives it in text, which is UTC: SQLite's `2026-11-21T10:00:00.000Z` (written by
 * toISOString) and MySQL's `2026-11-21 10:00:00.000000` inside JSON. These two forms are read digit by digit, as
 * Date's own parser takes some ten times as long and a cold read has two datetimes a profile; any other text (and
 * an impossible date in these forms) goes to Date's parser, with MySQL's form read as UTC.
 */
export function storedDatetime(text: string): Date {
  // A text equal to the last one read (a profile's creation and last change, the items one Create wrote) is not read
  // again: comparing it is a fraction of reading it. Each call still answers a Date of its own.
  if (text === lastText) return new Date(lastTime);
  const { length } = text;
  const separator = text.charCodeAt(10);
  let end = 19;
  let ms = 0;
  if (text.charCodeAt(19) === 46 /* . */) {
    end = 20;
    while (end < length && end < 29 && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    const digits = Math.min(end - 20, 3);
    ms = digitsAt(text, 20, 20 + digits) * (digits === 1 ? 100 : digits === 2 ? 10 : 1);
  }
  const zoned = end < length && text.charCodeAt(end) === 90; /* Z */
  const plain =
    length >= 19 &&
    end !== 20 && // a point with no digits after it

    // SQLite's form ends in Z, MySQL's has none (a T without Z would be local time to Date's parser)
    (separator === 84 /* T */ ? zoned && end + 1 === length : separator === 32 && end === length) &&
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58;
  if (plain) {
    const year = digitsAt(text, 0, 4);
    const month = digitsAt(text, 5, 7);
    const day = digitsAt(text, 8, 10);
    const hour = digitsAt(text, 11, 13);
    const minute = digitsAt(text, 14, 16);
    const second = digitsAt(text, 17, 19);
    if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59 && hour >= 0 && minute >= 0 && second >= 0 && ms >= 0) {
      lastTime = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms;
      lastText = text;
      return new Date(lastTime);
    }
  }
  return new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
}

export function fromColumnValue(property: CompiledProperty, raw: unknown): ProfileValue {
  if (raw === null || raw === undefined) return null;
  switch (property.type) {
    case 'boolean':
      return Boolean(Number(raw));
    case 'datetime':
      // A Date from a row of its own; text from a JSON row (and from SQLite, where datetimes are ISO text).
      return raw instanceof Date ? raw : storedDatetime(raw as string);
    case 'number':
      return Number(raw);
    default:
      return raw as string | number;
  }
}

/** A link list aggregated as [position, item] pairs (JSON text, or parsed by the driver), or null when empty. */
export function fromListValue(raw: unknown): KeyValue[] {
  if (raw === null || raw === undefined) return [];
  const pairs = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [number, KeyValue][];
  return pairs.sort((a, b) => a[0] - b[0]).map((pair) => pair[1]);
}
