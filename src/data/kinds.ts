/**
 * Value parsing shared by statistics, validation and preprocessing, and the rule that decides a
 * column's kind. Every parser returns null for missing or unparseable cells, so callers that must
 * tell the two apart check `isMissing` first.
 */
import { isMissing } from './missing.js';
import type { RawValue, ValueKind } from './types.js';

/** Plain decimal or scientific notation; rejects hex, binary, `1_000` and thousands separators. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
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

/** A finite number, ±Infinity for inf tokens, or null for missing, booleans and non-numbers. */
export function parseNumber(value: RawValue): number | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const infinity = INFINITY_TOKENS.get(text.toLowerCase());
  if (infinity !== undefined) return infinity;
  return DECIMAL.test(text) ? Number(text) : null;
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
  const match = DATE.exec(value.trim());
  if (!match) return null;
  const [, year, , month, day, hour, minute, second, fraction, offset] = match;
  const y = Number(year);
  const m = Number(month) - 1;
  const d = Number(day);
  const h = Number(hour ?? 0);
  const min = Number(minute ?? 0);
  const s = Number(second ?? 0);
  if (h > 23 || min > 59 || s > 59) return null;
  const ms = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const utc = new Date(Date.UTC(y, m, d, h, min, s, ms));
  // Date.UTC rolls 2024-02-30 over into March; a round trip rejects such dates.
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== m || utc.getUTCDate() !== d) return null;
  return utc.getTime() - offsetMinutes(offset) * 60_000;
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
 * - `categorical`: at most 20 distinct values, or at most 5% of values distinct with an average
 *   length of at most 30 characters;
 * - `text`: anything else, including id-like columns where (almost) every value is distinct.
 */
export function inferKind(values: RawValue[]): ValueKind {
  const present = values.filter((value) => !isMissing(value));
  if (present.length === 0) return 'empty';
  if (present.every((value) => parseNumber(value) !== null)) return 'numeric';
  if (
    present.every((value) => parseBoolean(value) !== null) &&
    present.some((value) => parseNumber(value) === null)
  ) {
    return 'boolean';
  }
  if (present.every((value) => parseDate(value) !== null)) return 'date';
  const strings = present.map(String);
  const unique = new Set(strings).size;
  if (unique <= MIN_CATEGORIES) return 'categorical';
  const avgLength = strings.reduce((sum, text) => sum + text.length, 0) / strings.length;
  const fewUnique = unique <= MAX_UNIQUE_SHARE * strings.length;
  return fewUnique && avgLength <= MAX_CATEGORY_LENGTH ? 'categorical' : 'text';
}
