/**
 * Value parsing shared by statistics, validation and preprocessing, and the rule that decides a
 * column's kind. Every parser returns null for missing or unparseable cells, so callers that must
 * tell the two apart check `isAbsent` first.
 */
import { isAbsent } from './missing.js';
import type { RawValue, ValueKind } from './types.js';

/** Plain decimal or scientific notation; rejects hex, binary, `1_000` and thousands separators. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** A number with a decimal comma, `.` between thousands allowed: `1,5`, `-0,25`, `1.234,5`. */
const DECIMAL_COMMA = /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
const INFINITY_TOKENS = new Map([
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
]);

const TRUE_TOKENS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_TOKENS = new Set(['false', 'f', 'no', 'n', '0']);

/**
 * `YYYY-MM-DD` or `YYYY/MM/DD`, optionally followed (ISO 8601) by `T` or a space, `HH:MM`,
 * optional `:SS` and fraction, and an optional `Z` or `±HH:MM` offset.
 */
const DATE =
  /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A column with at most this many distinct strings is categorical whatever its size. */
const MIN_CATEGORIES = 20;
/** Beyond MIN_CATEGORIES, a column stays categorical while unique values ≤ this share of values. */
const MAX_UNIQUE_SHARE = 0.05;
/** Strings longer than this on average read as prose rather than category labels. */
const MAX_CATEGORY_LENGTH = 30;
/**
 * Share of values that may fail to parse in a column that is otherwise numeric: a stray NUL or
 * typo is then reported as invalid values rather than turning the column into categories.
 */
const MAX_NON_NUMERIC_SHARE = 0.01;

/** A finite number, ±Infinity for inf tokens, or null for missing, booleans and non-numbers. */
export function parseNumber(value: RawValue): number | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value !== 'string') return null;
  const simple = parseShortDecimal(value);
  if (simple !== undefined) return simple;
  // Most other cells are words, refused here without trimming, a regex or lower-casing.
  if (!mayStartNumber(value.charCodeAt(0))) return null;
  const text = value.trim();
  // Decimals before infinity tokens: no token is a decimal, and decimals skip lower-casing.
  if (DECIMAL.test(text)) return Number(text);
  return INFINITY_TOKENS.get(text.toLowerCase()) ?? null;
}

/**
 * Whether a cell starting with this code unit may be a number (a digit, sign or point) or an
 * infinity token (i, I, or a sign), or start with something trim() removes: every code unit up
 * to the space and all from 128 on (a superset, which only sends a cell the general way). False
 * for an empty cell (NaN), which is no number either.
 */
function mayStartNumber(code: number): boolean {
  if (code <= 0x20 || code >= 0x80) return true;
  if (code >= 0x30 && code <= 0x39) return true;
  return code === 0x2b || code === 0x2d || code === 0x2e || code === 0x49 || code === 0x69;
}

/** Exact powers of ten up to 10^15. */
const POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/**
 * The common cell, like `42`, `-3.5` or `0.125`, read in one pass at about half the cost of
 * trim, DECIMAL and Number; undefined for anything else (spaces, exponents, more than 15 digits),
 * which parseNumber then reads the general way. The result is exactly Number(text): at most 15
 * digits make an integer below 2^53 and 10^k (k ≤ 15) is exact, so the one division rounds
 * once, correctly, as Number() does.
 */
function parseShortDecimal(text: string): number | undefined {
  const length = text.length;
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === 0x2b || sign === 0x2d) i++; // + or -
  let digits = 0;
  let mantissa = 0;
  let point = -1;
  for (; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      mantissa = mantissa * 10 + (code - 0x30);
      digits++;
    } else if (code === 0x2e && point < 0) {
      point = i;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15) return undefined;
  const scale = point < 0 ? 1 : (POWERS_OF_TEN[length - point - 1] as number);
  const magnitude = mantissa / scale;
  return sign === 0x2d ? -magnitude : magnitude;
}

/**
 * `text` rewritten with a decimal point when it is a number written with a decimal comma (and
 * maybe `.` between thousands), as data.decimal: "," reads it: `1.234,5` ⇒ `1234.5`; else null.
 */
export function decimalCommaToPoint(text: string): string | null {
  const match = DECIMAL_COMMA.exec(text.trim());
  if (!match) return null;
  const [, sign = '', whole = '', fraction] = match;
  return `${sign}${whole.replaceAll('.', '')}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * Whether a column's present values are numbers once a decimal comma is read as a point, and at
 * least one has a comma: the sign of a file written with a decimal comma (data.decimal: ",").
 */
export function readsAsDecimalComma(present: readonly RawValue[]): boolean {
  let commas = 0;
  for (const value of present) {
    if (parseNumber(value) !== null) continue;
    if (typeof value !== 'string' || !value.includes(',') || decimalCommaToPoint(value) === null) {
      return false;
    }
    commas++;
  }
  return commas > 0;
}

/** The most non-numeric values a numeric column of `count` values may hold (see MAX_NON_NUMERIC_SHARE). */
export function allowedNonNumeric(count: number): number {
  return Math.floor(MAX_NON_NUMERIC_SHARE * count);
}

/** The parser of a kind whose values must have a given form; undefined for kinds taking any text. */
export function kindParser(kind: ValueKind): ((value: RawValue) => unknown) | undefined {
  switch (kind) {
    case 'numeric':
      return parseNumber;
    case 'boolean':
      return parseBoolean;
    case 'date':
      return parseDate;
    default:
      return undefined;
  }
}

/** true/false from booleans, 1/0, or the words true/false, t/f, yes/no, y/n (any case); else null. */
export function parseBoolean(value: RawValue): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (TRUE_TOKENS.has(text)) return true;
  if (FALSE_TOKENS.has(text)) return false;
  return null;
}

/**
 * Epoch milliseconds for an ISO 8601 date or date-time (or `YYYY/MM/DD`), else null. Times
 * without an offset are read as UTC so the result is the same on every machine.
 */
export function parseDate(value: RawValue): number | null {
  if (typeof value !== 'string') return null;
  const plain = parsePlainDate(value);
  if (plain !== undefined) return plain;
  const match = DATE.exec(value.trim());
  if (!match) return null;
  const [, year, , month, day, hour, minute, second, fraction, offset] = match;
  const y = Number(year);
  const m = Number(month) - 1;
  const d = Number(day);
  if (!isCalendarDate(y, m, d)) return null;
  if (hour === undefined) return Date.UTC(y, m, d);
  const h = Number(hour);
  const min = Number(minute);
  const s = second === undefined ? 0 : Number(second);
  if (h > 23 || min > 59 || s > 59) return null;
  const ms = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
  return Date.UTC(y, m, d, h, min, s, ms) - offsetMinutes(offset) * 60_000;
}

/**
 * A bare `YYYY-MM-DD` or `YYYY/MM/DD`, the usual date cell, read without DATE at a third of the
 * cost; undefined for any other text, which parseDate then matches against DATE.
 */
function parsePlainDate(text: string): number | null | undefined {
  if (text.length !== 10) return undefined;
  const separator = text.charCodeAt(4);
  if ((separator !== 0x2d && separator !== 0x2f) || text.charCodeAt(7) !== separator) {
    return undefined;
  }
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 2) - 1;
  const d = digitsAt(text, 8, 2);
  if (Number.isNaN(y + m + d)) return undefined;
  return isCalendarDate(y, m, d) ? Date.UTC(y, m, d) : null;
}

/** The number written by the ASCII digits at text[start, start + count), else NaN. */
function digitsAt(text: string, start: number, count: number): number {
  let number = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return NaN;
    number = number * 10 + digit;
  }
  return number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether year `y`, month `m` (0-based) and day `d` name a real day, so 2024-02-30 is rejected
 * rather than rolled over into March as Date.UTC would. Years before 100 are rejected too:
 * Date.UTC reads them as 1900–1999 (checked by hand rather than by a round trip through a Date
 * object, which took half the time of parsing a date).
 */
function isCalendarDate(y: number, m: number, d: number): boolean {
  if (y < 100 || m < 0 || m > 11 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 1 && leap ? 29 : (DAYS_IN_MONTH[m] as number));
}

function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return offset.startsWith('-') ? -minutes : minutes;
}

/**
 * The kind of a column from its values, checked in order:
 * - `empty`: no non-missing values;
 * - `numeric`: every value parses with `parseNumber` (so a 0/1 column is numeric);
 * - `boolean`: every value parses with `parseBoolean` and at least one is a word, not 0/1;
 * - `date`: every value parses with `parseDate`;
 * - `numeric` again: all but at most 1% of values parse with `parseNumber` (the rest are
 *   invalid values, reported as anomalies);
 * - `categorical`: at most 20 distinct values, or at most 5% of values distinct with an average
 *   length of at most 30 characters;
 * - `text`: anything else, including id-like columns where (almost) every value is distinct.
 */
export function inferKind(values: RawValue[]): ValueKind {
  const present = values.filter((value) => !isAbsent(value));
  if (present.length === 0) return 'empty';
  const allowed = allowedNonNumeric(present.length);
  const nonNumeric = countUnparsed(present, parseNumber, allowed);
  if (nonNumeric === 0) return 'numeric';
  // Some value is not a number now, as a boolean column requires.
  if (present.every((value) => parseBoolean(value) !== null)) return 'boolean';
  if (present.every((value) => parseDate(value) !== null)) return 'date';
  if (nonNumeric <= allowed) return 'numeric';
  const strings = present.map(String);
  const avgLength = strings.reduce((sum, text) => sum + text.length, 0) / strings.length;
  return stringKind(new Set(strings).size, strings.length, avgLength);
}

/** How many of `values` `parse` rejects, counting no further than one past `stopAfter`. */
function countUnparsed(
  values: readonly RawValue[],
  parse: (value: RawValue) => unknown,
  stopAfter: number,
): number {
  let count = 0;
  for (const value of values) {
    if (parse(value) === null && ++count > stopAfter) break;
  }
  return count;
}

/**
 * The last step of `inferKind`, for a column that is none of numeric, boolean and date: from
 * its number of distinct values, of values and their average length. Shared with
 * computeStatistics, which has these figures already.
 */
export function stringKind(
  unique: number,
  count: number,
  avgLength: number,
): 'categorical' | 'text' {
  if (unique <= MIN_CATEGORIES) return 'categorical';
  const fewUnique = unique <= MAX_UNIQUE_SHARE * count;
  return fewUnique && avgLength <= MAX_CATEGORY_LENGTH ? 'categorical' : 'text';
}

/** How many distinct values, in order of first appearance, decide whether a column has the shape of identifiers. */
export const IDENTIFIER_SAMPLE = 1000;
/** Identifiers of one scheme share a form once their digits are set aside (`C1042`, `C1043` → `C0`). */
const MAX_IDENTIFIER_FORMS_SHARE = 0.05;
/** A UUID or hex digest: hex digits and dashes, at least this long. */
const HEX_ID = /^[0-9a-f-]{8,}$/i;
/** A base64 or base64url digest or token: its alphabet, at least this long. */
const TOKEN_ID = /^[0-9a-z+/=_-]{16,}$/i;
const DIGIT = /\d/;

/**
 * Whether distinct, whitespace-free strings (the first IDENTIFIER_SAMPLE of a column whose values
 * never repeat) look made by a machine to name rows rather than to describe them: random digests
 * or tokens (all hex, like UUIDs and MD5 or SHA digests, or all long base64, most of them with a
 * digit), or numbers in one scheme (every value has a digit, and they share a few forms once each
 * run of digits reads as one: `C1042`, `INV-2023-0001`, `user-17`). Names (`Maria`, `Jonas`) and
 * codes whose letter parts vary (`XJ220-BLK`, `TX5-RED`) are none of these: their characters carry
 * meaning, so they become text features.
 */
export function hasIdentifierShape(distinct: readonly string[]): boolean {
  if (distinct.length === 0) return false;
  const withDigit = distinct.filter((value) => DIGIT.test(value)).length;
  const random =
    distinct.every((value) => HEX_ID.test(value)) ||
    distinct.every((value) => TOKEN_ID.test(value));
  if (random && withDigit * 2 >= distinct.length) return true;
  if (withDigit < distinct.length) return false;
  const forms = new Set(distinct.map((value) => value.replace(/\d+/g, '0')));
  return forms.size <= Math.max(1, MAX_IDENTIFIER_FORMS_SHARE * distinct.length);
}
